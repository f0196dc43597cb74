using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Data;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.LiveSessions;

internal sealed class LiveSessionConfiguration : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<Appointment>().WithOne().HasForeignKey<LiveSession>(x => x.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        // One room per appointment: two presses of "Join" at once meet in the same room.
        builder.HasIndex(x => x.AppointmentId).IsUnique();
        builder.Property(x => x.RoomId).HasMaxLength(LiveSession.RoomIdLength);
        builder.HasIndex(x => x.RoomId).IsUnique();
        builder.Property(x => x.PatientLocation).IsClinicalText();
        builder.Property(x => x.PatientMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.TherapistMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.IsEnded);
        builder.Ignore(x => x.IsPatientWaiting);
        builder.Ignore(x => x.IsPatientAdmitted);
        builder.Ignore(x => x.Duration);
    }
}
