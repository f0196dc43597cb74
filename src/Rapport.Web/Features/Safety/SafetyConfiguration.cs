using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

internal sealed class SafetyAlertConfiguration : IEntityTypeConfiguration<SafetyAlert>
{
    public void Configure(EntityTypeBuilder<SafetyAlert> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssessmentResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.InstrumentId).HasMaxLength(32);
        builder.Property(x => x.Level).HasConversion<int>();
        builder.Property(x => x.ActionTaken).IsClinicalText();
        builder.Property(x => x.ReviewJson).IsClinicalText();
        builder.Property(x => x.MessageWords).IsClinicalText();
        builder.Ignore(x => x.IsFromMessage);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.IsOpen);
        builder.Ignore(x => x.IsAcknowledged);
        builder.Ignore(x => x.IsEscalated);
        builder.Ignore(x => x.Review);
        // The therapist's open alerts, and the ladder's sweep over open alerts nobody took on, by due time.
        builder.HasIndex(x => new { x.AssignedTherapistId, x.ClosedAt });
        builder.HasIndex(x => new { x.ClosedAt, x.AcknowledgedAt, x.EscalateAt });
        builder.HasIndex(x => x.PatientId);
    }
}

internal sealed class SafetyAlertRecipientConfiguration : IEntityTypeConfiguration<SafetyAlertRecipient>
{
    public void Configure(EntityTypeBuilder<SafetyAlertRecipient> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<SafetyAlert>().WithMany().HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        // Told once per alert: a second instance climbing the same rung cannot add the person twice.
        builder.HasIndex(x => new { x.AlertId, x.UserId }).IsUnique();
        builder.HasIndex(x => new { x.UserId, x.Role });
    }
}

internal sealed class SafetyPlanVersionConfiguration : IEntityTypeConfiguration<SafetyPlanVersion>
{
    public void Configure(EntityTypeBuilder<SafetyPlanVersion> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.WarningSigns).IsClinicalText();
        builder.Property(x => x.CopingStrategies).IsClinicalText();
        builder.Property(x => x.DistractionPeopleAndPlaces).IsClinicalText();
        builder.Property(x => x.PeopleToAskForHelp).IsClinicalText();
        builder.Property(x => x.ProfessionalsAndCrisisLines).IsClinicalText();
        builder.Property(x => x.MakingTheEnvironmentSafe).IsClinicalText();
        builder.Property(x => x.ReasonForLiving).IsClinicalText();
        // Two people saving at once cannot both write version k: the second save fails and is retried.
        builder.HasIndex(x => new { x.PatientId, x.Version }).IsUnique();
    }
}

internal sealed class CrisisResourceConfiguration : IEntityTypeConfiguration<CrisisResource>
{
    public void Configure(EntityTypeBuilder<CrisisResource> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.CountryCode).HasMaxLength(2);
        builder.Property(x => x.Name).HasMaxLength(120);
        builder.Property(x => x.Phone).HasMaxLength(32);
        builder.Property(x => x.Text).HasMaxLength(32);
        builder.Property(x => x.Url).HasMaxLength(300);
        builder.Property(x => x.Hours).HasMaxLength(60);
        builder.Property(x => x.Notes).HasMaxLength(300);
        builder.HasIndex(x => new { x.CountryCode, x.SortOrder });
    }
}
