using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.CareRelationships;

internal sealed class CareRelationshipConfiguration : IEntityTypeConfiguration<CareRelationship>
{
    /// <summary>Statuses are stored by name so the partial indexes below read the same on both databases.</summary>
    private const string Responsible = "\"Status\" = 'Accepted'";
    private const string Open = "\"Status\" IN ('Enquiry', 'Handover', 'Offered', 'Accepted')";

    public void Configure(EntityTypeBuilder<CareRelationship> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.EndReason).IsClinicalText();
        builder.Property(x => x.HandoverNote).IsClinicalText();
        builder.Property(x => x.DeclineMessage).IsClinicalText();
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.IsOpen);
        builder.Ignore(x => x.IsResponsible);
        builder.Ignore(x => x.IsFromTransfer);
        // The database, not only the code, keeps one responsible clinician per patient and one open
        // relationship per pair, whichever instance writes.
        builder.HasIndex(x => x.PatientId).IsUnique().HasFilter(Responsible).HasDatabaseName("IX_CareRelationships_OneResponsible");
        builder.HasIndex(x => new { x.PatientId, x.ClinicianId }).IsUnique().HasFilter(Open).HasDatabaseName("IX_CareRelationships_OneOpenPerPair");
        builder.HasIndex(x => new { x.ClinicianId, x.Status });
        builder.HasIndex(x => new { x.PatientId, x.Status });
    }
}

internal sealed class CoverPeriodConfiguration : IEntityTypeConfiguration<CoverPeriod>
{
    public void Configure(EntityTypeBuilder<CoverPeriod> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<CareRelationship>().WithMany().HasForeignKey(x => x.RelationshipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.CoveringClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PatientId, x.CoveringClinicianId });
        builder.HasIndex(x => new { x.CoveringClinicianId, x.EndsAt });
        builder.HasIndex(x => x.RelationshipId);
    }
}

internal sealed class SupervisionAssignmentConfiguration : IEntityTypeConfiguration<SupervisionAssignment>
{
    public void Configure(EntityTypeBuilder<SupervisionAssignment> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.SupervisorId, x.TherapistId });
        builder.HasIndex(x => x.TherapistId);
    }
}

internal sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<EmergencyAccess> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(x => x.IsOpen);
        builder.HasIndex(x => new { x.ClinicianId, x.PatientId, x.EndedAt });
        builder.HasIndex(x => x.SourceId);
    }
}

internal sealed class ClinicalLeadShiftConfiguration : IEntityTypeConfiguration<ClinicalLeadShift>
{
    public void Configure(EntityTypeBuilder<ClinicalLeadShift> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.StartsAt, x.EndsAt });
    }
}
