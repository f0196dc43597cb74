using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Assessments;

internal sealed class AssessmentResponseConfiguration : IEntityTypeConfiguration<AssessmentResponse>
{
    public void Configure(EntityTypeBuilder<AssessmentResponse> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.InstrumentId).HasMaxLength(32);
        builder.Property(x => x.Answers).HasMaxLength(200);
        builder.Property(x => x.AnswersFingerprint).HasMaxLength(AssessmentResponse.FingerprintLength);
        builder.Property(x => x.Band).HasMaxLength(64);
        builder.Property(x => x.Risk).HasConversion<int>();
        // The chart and the API read one patient's measures of one instrument in time order.
        builder.HasIndex(x => new { x.PatientId, x.InstrumentId, x.SubmittedAt });
        // Double submission of one form stores one response.
        builder.HasIndex(x => new { x.PatientId, x.SubmissionId }).IsUnique();
    }
}

internal sealed class InstrumentLicenceConfiguration : IEntityTypeConfiguration<InstrumentLicence>
{
    public void Configure(EntityTypeBuilder<InstrumentLicence> builder)
    {
        builder.HasKey(x => x.InstrumentId);
        builder.Property(x => x.InstrumentId).HasMaxLength(32);
        builder.Property(x => x.Holder).HasMaxLength(200);
        builder.Property(x => x.Reference).HasMaxLength(200);
    }
}

internal sealed class IntakeConfiguration : IEntityTypeConfiguration<Intake>
{
    public void Configure(EntityTypeBuilder<Intake> builder)
    {
        builder.HasKey(x => x.PatientId);
        builder.HasOne<RapportUser>().WithOne().HasForeignKey<Intake>(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.WhatBringsYou).IsClinicalText();
        builder.Property(x => x.PreviousTreatment).IsClinicalText();
        builder.Property(x => x.Medication).IsClinicalText();
        builder.Property(x => x.EmergencyContactName).IsClinicalText();
        builder.Property(x => x.EmergencyContactRelationship).IsClinicalText();
        builder.Property(x => x.EmergencyContactPhone).IsClinicalText();
        builder.Property(x => x.UsualLocation).IsClinicalText();
        builder.Property(x => x.CountryCode).HasMaxLength(2);
    }
}

internal sealed class LifeEventConfiguration : IEntityTypeConfiguration<LifeEvent>
{
    public void Configure(EntityTypeBuilder<LifeEvent> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.Description).IsClinicalText();
        builder.HasIndex(x => new { x.PatientId, x.Month });
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Ignore(x => x.IsActive);
        builder.HasIndex(x => new { x.PatientId, x.Kind });
    }
}

internal sealed class MeasurementPlanConfiguration : IEntityTypeConfiguration<MeasurementPlan>
{
    public void Configure(EntityTypeBuilder<MeasurementPlan> builder)
    {
        builder.HasKey(x => x.PatientId);
        builder.HasOne<RapportUser>().WithOne().HasForeignKey<MeasurementPlan>(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeasureRequestConfiguration : IEntityTypeConfiguration<MeasureRequest>
{
    public void Configure(EntityTypeBuilder<MeasureRequest> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.InstrumentId).HasMaxLength(32);
        builder.Ignore(x => x.IsOpen);
        builder.HasIndex(x => new { x.PatientId, x.ResponseId });
    }
}
