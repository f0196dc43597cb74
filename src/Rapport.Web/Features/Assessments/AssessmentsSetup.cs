namespace Rapport.Web.Features.Assessments;

public static class AssessmentsSetup
{
    public static void AddAssessments(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AssessmentService>();
        builder.Services.AddScoped<DueMeasures>();
        builder.Services.AddScoped<MeasureRequests>();
        builder.Services.AddScoped<InstrumentLicensing>();
        builder.Services.AddScoped<PatientConsents>();
        builder.Services.AddScoped<IntakeRecording>();
        builder.Services.AddScoped<MeasurementHistory>();
        builder.Services.AddScoped<MeasureResults>();
        builder.Services.AddSingleton<LicensedInstrumentTexts>();
    }

    public static void MapAssessments(this IEndpointRouteBuilder app) => app.MapAssessmentsApi();
}
