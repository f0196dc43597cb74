using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>EF configuration of the care tables, beside their entities.</summary>
internal static class CareRelationshipsModel
{
    /// <summary>Statuses are stored by name so the partial indexes below read the same on both databases.</summary>
    private const string Responsible = "\"Status\" = 'Accepted'";
    private const string Open = "\"Status\" IN ('Enquiry', 'Handover', 'Offered', 'Accepted')";

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CareRelationship>(r =>
        {
            r.HasKey(x => x.Id);
            r.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.EndReason).IsClinicalText();
            r.Property(x => x.HandoverNote).IsClinicalText();
            r.Property(x => x.DeclineMessage).IsClinicalText();
            r.Property(x => x.Version).IsConcurrencyToken();
            r.Ignore(x => x.IsOpen);
            r.Ignore(x => x.IsResponsible);
            r.Ignore(x => x.IsFromTransfer);
            // The database, not only the code, keeps one responsible clinician per patient and one open
            // relationship per pair, whichever instance writes.
            r.HasIndex(x => x.PatientId).IsUnique().HasFilter(Responsible).HasDatabaseName("IX_CareRelationships_OneResponsible");
            r.HasIndex(x => new { x.PatientId, x.ClinicianId }).IsUnique().HasFilter(Open).HasDatabaseName("IX_CareRelationships_OneOpenPerPair");
            r.HasIndex(x => new { x.ClinicianId, x.Status });
            r.HasIndex(x => new { x.PatientId, x.Status });
        });

        builder.Entity<CoverPeriod>(c =>
        {
            c.HasKey(x => x.Id);
            c.HasOne<CareRelationship>().WithMany().HasForeignKey(x => x.RelationshipId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.CoveringClinicianId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.PatientId, x.CoveringClinicianId });
            c.HasIndex(x => new { x.CoveringClinicianId, x.EndsAt });
            c.HasIndex(x => x.RelationshipId);
        });

        builder.Entity<SupervisionAssignment>(s =>
        {
            s.HasKey(x => x.Id);
            s.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
            s.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => new { x.SupervisorId, x.TherapistId });
            s.HasIndex(x => x.TherapistId);
        });

        builder.Entity<EmergencyAccess>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.IsOpen);
            e.HasIndex(x => new { x.ClinicianId, x.PatientId, x.EndedAt });
            e.HasIndex(x => x.SourceId);
        });

        builder.Entity<ClinicalLeadShift>(s =>
        {
            s.HasKey(x => x.Id);
            s.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.ClinicianId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => new { x.StartsAt, x.EndsAt });
        });
    }
}
