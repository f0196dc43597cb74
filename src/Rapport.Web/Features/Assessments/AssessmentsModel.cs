using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Assessments;

/// <summary>EF configuration of the assessment tables, beside their entities.</summary>
internal static class AssessmentsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AssessmentResponse>(r =>
        {
            r.HasKey(x => x.Id);
            r.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
            r.Property(x => x.InstrumentId).HasMaxLength(32);
            r.Property(x => x.Answers).HasMaxLength(200);
            r.Property(x => x.AnswersFingerprint).HasMaxLength(AssessmentResponse.FingerprintLength);
            r.Property(x => x.Band).HasMaxLength(64);
            r.Property(x => x.Risk).HasConversion<int>();
            // The chart and the API read one patient's measures of one instrument in time order.
            r.HasIndex(x => new { x.PatientId, x.InstrumentId, x.SubmittedAt });
            // Double submission of one form stores one response.
            r.HasIndex(x => new { x.PatientId, x.SubmissionId }).IsUnique();
        });

        builder.Entity<InstrumentLicence>(l =>
        {
            l.HasKey(x => x.InstrumentId);
            l.Property(x => x.InstrumentId).HasMaxLength(32);
            l.Property(x => x.Holder).HasMaxLength(200);
            l.Property(x => x.Reference).HasMaxLength(200);
        });

        builder.Entity<Intake>(i =>
        {
            i.HasKey(x => x.PatientId);
            i.HasOne<RapportUser>().WithOne().HasForeignKey<Intake>(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            i.Property(x => x.WhatBringsYou).IsClinicalText();
            i.Property(x => x.PreviousTreatment).IsClinicalText();
            i.Property(x => x.Medication).IsClinicalText();
            i.Property(x => x.EmergencyContactName).IsClinicalText();
            i.Property(x => x.EmergencyContactRelationship).IsClinicalText();
            i.Property(x => x.EmergencyContactPhone).IsClinicalText();
            i.Property(x => x.UsualLocation).IsClinicalText();
            i.Property(x => x.CountryCode).HasMaxLength(2);
        });

        builder.Entity<LifeEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Description).IsClinicalText();
            e.HasIndex(x => new { x.PatientId, x.Month });
        });

        builder.Entity<Consent>(c =>
        {
            c.HasKey(x => x.Id);
            c.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            c.Ignore(x => x.IsActive);
            c.HasIndex(x => new { x.PatientId, x.Kind });
        });

        builder.Entity<MeasurementPlan>(p =>
        {
            p.HasKey(x => x.PatientId);
            p.HasOne<RapportUser>().WithOne().HasForeignKey<MeasurementPlan>(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MeasureRequest>(m =>
        {
            m.HasKey(x => x.Id);
            m.HasOne<RapportUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            m.Property(x => x.InstrumentId).HasMaxLength(32);
            m.Ignore(x => x.IsOpen);
            m.HasIndex(x => new { x.PatientId, x.ResponseId });
        });
    }
}
