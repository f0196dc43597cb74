using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Booking;

internal sealed class BookingPolicyConfiguration : IEntityTypeConfiguration<BookingPolicy>
{
    public void Configure(EntityTypeBuilder<BookingPolicy> builder)
    {
        builder.HasKey(x => x.TherapistId);
        builder.HasOne<RapportUser>().WithOne().HasForeignKey<BookingPolicy>(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(x => x.Session);
        builder.Ignore(x => x.Buffer);
        builder.Ignore(x => x.MinimumNotice);
        builder.Ignore(x => x.Horizon);
        builder.Ignore(x => x.CancellationNotice);
    }
}

internal sealed class AvailabilityWindowConfiguration : IEntityTypeConfiguration<AvailabilityWindow>
{
    public void Configure(EntityTypeBuilder<AvailabilityWindow> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.TherapistId);
    }
}

internal sealed class AvailabilityExceptionConfiguration : IEntityTypeConfiguration<AvailabilityException>
{
    public void Configure(EntityTypeBuilder<AvailabilityException> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Note).HasMaxLength(200);
        builder.HasIndex(x => new { x.TherapistId, x.StartUtc });
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        // Stored as numbers so the database's overlap guard can compare them (the migrations' appointment-overlap script).
        builder.Property(x => x.Status).HasConversion<int>();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.CancelledByRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.Duration);
        // The slot and calendar queries: a therapist's (or patient's) appointments in a time range.
        builder.HasIndex(x => new { x.TherapistId, x.StartUtc });
        builder.HasIndex(x => new { x.PatientId, x.StartUtc });
        builder.HasIndex(x => x.SeriesId);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(x => new { x.UserId, x.Key });
        builder.Property(x => x.Key).HasMaxLength(100);
        builder.Property(x => x.RequestHash).HasMaxLength(64);
        builder.Property(x => x.ResponseBody).HasMaxLength(20000);
    }
}
