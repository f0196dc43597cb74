using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

public static class SafetySetup
{
    public static void AddSafety(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SafetyOptions>(builder.Configuration.GetSection("Safety"));
        builder.Services.AddSingleton(CrisisLineBook.Load());
        builder.Services.AddScoped<SafetyAlerts>();
        builder.Services.AddScoped<CrisisLines>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ClinicCrisisLines>();
        builder.Services.AddScoped<ClinicCrisisLineChanges>();
        builder.Services.AddScoped<SafetyPlanWriting>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ClinicCrisisLines.Invalidation>();
        builder.Services.AddScoped<AlertActions>();
        builder.Services.AddScoped<AlertFiles>();
        builder.Services.AddScoped<AlertScope>();
        builder.Services.AddScoped<PatientRisk>();
        builder.Services.AddScoped<SafetyRecords>();
        builder.Services.AddScoped<Assessments.IRiskAlarm, RiskAnswerAlarm>();
        builder.Services.AddScoped<Assessments.ICrisisHelp, RiskAnswerHelp>();
        if (builder.Configuration.GetValue("Safety:RunEscalation", true))
        {
            builder.Services.AddHostedService<SafetyEscalationService>();
        }
    }

    public static void MapSafety(this IEndpointRouteBuilder app)
    {
        // Downloaded from the pages, so it uses the sign-in cookie. The address names the patient, so the audit row does too.
        app.MapGet("/patients/{patientId:guid}/rapport-plan.pdf", PlanPdf).WithName("SafetyPlanPdf").RequireAuthorization().WithAudit(AuditAction.SafetyPlanRead).ExcludeFromDescription();
    }

    /// <summary>The patient's own plan, or the plan of a patient whose record the clinician reads; anyone else gets a 404.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> PlanPdf(Guid patientId, HttpContext http, AppDbContext db, CrisisLines crisisLines,
        CareAccess care, TimeProvider clock, CancellationToken ct)
    {
        var me = http.User.UserId();
        if (me != patientId && !(http.User.IsInRole(Roles.Therapist) && await care.AllowsAsync(me, patientId, change: false, ct)))
        {
            return TypedResults.NotFound();
        }
        var sheet = await PlanSheet.LoadAsync(db, crisisLines, patientId, ct);
        // Private: never kept by a shared cache or the browser's back-forward cache.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(SafetyPlanPdf.Render(sheet, clock.GetUtcNow()), "application/pdf", SafetyPlanPdf.FileName);
    }
}
