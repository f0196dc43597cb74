using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.LiveSessions;

/// <summary>EF configuration of the live-session table, beside its entity.</summary>
internal static class LiveSessionsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<LiveSession>(s =>
        {
            s.HasKey(x => x.Id);
            s.HasOne<Appointment>().WithOne().HasForeignKey<LiveSession>(x => x.AppointmentId).OnDelete(DeleteBehavior.Cascade);
            // One room per appointment: two presses of "Join" at once meet in the same room.
            s.HasIndex(x => x.AppointmentId).IsUnique();
            s.Property(x => x.RoomId).HasMaxLength(LiveSession.RoomIdLength);
            s.HasIndex(x => x.RoomId).IsUnique();
            s.Property(x => x.PatientLocation).IsClinicalText();
            s.Property(x => x.PatientMode).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.TherapistMode).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Version).IsConcurrencyToken();
            s.Ignore(x => x.IsEnded);
            s.Ignore(x => x.IsPatientWaiting);
            s.Ignore(x => x.IsPatientAdmitted);
            s.Ignore(x => x.Duration);
        });
    }
}
