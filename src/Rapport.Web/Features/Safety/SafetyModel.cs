using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

/// <summary>EF configuration of the safety tables, beside their entities.</summary>
internal static class SafetyModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<SafetyAlert>(a =>
        {
            a.HasKey(x => x.Id);
            a.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<AssessmentResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Restrict);
            a.Property(x => x.InstrumentId).HasMaxLength(32);
            a.Property(x => x.Level).HasConversion<int>();
            a.Property(x => x.ActionTaken).IsClinicalText();
            a.Property(x => x.ReviewJson).IsClinicalText();
            a.Property(x => x.MessageWords).IsClinicalText();
            a.Ignore(x => x.IsFromMessage);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.Ignore(x => x.IsOpen);
            a.Ignore(x => x.IsAcknowledged);
            a.Ignore(x => x.IsEscalated);
            a.Ignore(x => x.Review);
            // The therapist's open alerts, and the ladder's sweep over open alerts nobody took on, by due time.
            a.HasIndex(x => new { x.AssignedTherapistId, x.ClosedAt });
            a.HasIndex(x => new { x.ClosedAt, x.AcknowledgedAt, x.EscalateAt });
            a.HasIndex(x => x.PatientId);
        });

        builder.Entity<SafetyAlertRecipient>(r =>
        {
            r.HasKey(x => x.Id);
            r.HasOne<SafetyAlert>().WithMany().HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
            r.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
            r.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            // Told once per alert: a second instance climbing the same rung cannot add the person twice.
            r.HasIndex(x => new { x.AlertId, x.UserId }).IsUnique();
            r.HasIndex(x => new { x.UserId, x.Role });
        });

        builder.Entity<SafetyPlanVersion>(p =>
        {
            p.HasKey(x => x.Id);
            p.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            p.Property(x => x.WarningSigns).IsClinicalText();
            p.Property(x => x.CopingStrategies).IsClinicalText();
            p.Property(x => x.DistractionPeopleAndPlaces).IsClinicalText();
            p.Property(x => x.PeopleToAskForHelp).IsClinicalText();
            p.Property(x => x.ProfessionalsAndCrisisLines).IsClinicalText();
            p.Property(x => x.MakingTheEnvironmentSafe).IsClinicalText();
            p.Property(x => x.ReasonForLiving).IsClinicalText();
            // Two people saving at once cannot both write version k: the second save fails and is retried.
            p.HasIndex(x => new { x.PatientId, x.Version }).IsUnique();
        });

        builder.Entity<CrisisResource>(c =>
        {
            c.HasKey(x => x.Id);
            c.Property(x => x.CountryCode).HasMaxLength(2);
            c.Property(x => x.Name).HasMaxLength(120);
            c.Property(x => x.Phone).HasMaxLength(32);
            c.Property(x => x.Text).HasMaxLength(32);
            c.Property(x => x.Url).HasMaxLength(300);
            c.Property(x => x.Hours).HasMaxLength(60);
            c.Property(x => x.Notes).HasMaxLength(300);
            c.HasIndex(x => new { x.CountryCode, x.SortOrder });
        });
    }
}
