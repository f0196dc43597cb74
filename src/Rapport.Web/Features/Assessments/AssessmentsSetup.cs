using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Assessments;

public static class AssessmentsSetup
{
    public static void AddAssessments(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AssessmentService>();
        // The body itself cannot be processed (RFC 9110 §15.5.21): resending it unchanged will never succeed.
        foreach (var rule in new[] { AssessmentRules.IdempotencyKeyReused, AssessmentRules.IdempotencyKeyMismatch, AssessmentRules.NothingAnswered })
        {
            builder.Services.AddRuleAnswer(rule, StatusCodes.Status422UnprocessableEntity, "The request cannot be processed");
        }
        builder.Services.AddScoped<DueMeasures>();
        builder.Services.AddScoped<MeasureRequests>();
        builder.Services.AddScoped<InstrumentLicensing>();
        builder.Services.AddScoped<PatientConsents>();
        builder.Services.AddScoped<IntakeRecording>();
        builder.Services.AddScoped<MeasurementHistory>();
        builder.Services.AddScoped<AssessmentRecords>();
        builder.Services.AddScoped<MeasureResults>();
        builder.Services.AddSingleton<LicensedInstrumentTexts>();
    }

    public static void MapAssessments(this IEndpointRouteBuilder app) => app.MapAssessmentsApi();
}
