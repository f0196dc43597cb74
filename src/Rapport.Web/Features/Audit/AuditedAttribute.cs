namespace Rapport.Web.Features.Audit;

/// <summary>
/// Declares that a page or endpoint is audited: after it runs, one row records who did it, to what,
/// and whether it succeeded (2xx/3xx), was refused (401/403/404) or failed.
/// Put it on a PageModel class, or use <see cref="AuditSetup.WithAudit{TBuilder}"/> on an endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AuditedAttribute(string action) : Attribute
{
    public string Action { get; } = action;

    /// <summary>
    /// The record read is the signed-in person's own (a patient's own safety plan at /safety-plan): a successful
    /// request's row names them as the patient, as {patientId} in the address does for a clinician's page.
    /// </summary>
    public bool PatientIsCaller { get; set; }
}

public static class AuditSetup
{
    public static void AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration("Audit");
        // Loaded when the appender starts with the app, so a missing key stops the start instead of the first request.
        services.AddSingleton(sp => AuditKeyRing.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditVerifier>();
        services.AddScoped<AuditChainCheck>();
        services.AddScoped<AuditLogSearch>();
        services.AddHostedService<AuditCheckpointJob>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AuditSealInterceptor>();
        services.AddScoped<Auditor>();
    }

    public static TBuilder WithAudit<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditedAttribute(action));

    /// <summary>Refusals include the cookie scheme's redirects to sign-in, access-denied or second-factor enrolment.</summary>
    internal static string OutcomeOf(int status, string? location, bool threw) => (threw, status) switch
    {
        (true, _) => AuditOutcome.Failure,
        (_, 401 or 403 or 404) => AuditOutcome.Denied,
        (_, 302) when location is not null && (location.Contains("/account/sign-in", StringComparison.Ordinal)
            || location.Contains("/account/access-denied", StringComparison.Ordinal)
            || location.Contains("/account/two-factor", StringComparison.Ordinal)) => AuditOutcome.Denied,
        (_, < 400) => AuditOutcome.Success,
        _ => AuditOutcome.Failure,
    };

    private const string NamedPatient = "Rapport:AuditPatient";

    /// <summary>
    /// An address that names a record rather than a patient (a course at /courses/{courseId}) tells the audit row
    /// whose record it was, once the handler has found it and checked the caller may see it.
    /// </summary>
    public static void NameAuditedPatient(this HttpContext context, Guid patientId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[NamedPatient] = patientId;
    }

    /// <summary>Clinical addresses name their patient as {patientId}; the row then says whose record was touched.</summary>
    private static Guid? PatientOf(HttpContext context) =>
        context.GetRouteValue("patientId") is string id && Guid.TryParse(id, out var patientId) ? patientId
        : context.Items.TryGetValue(NamedPatient, out var named) && named is Guid g ? g : null;

    private static Guid? PatientOf(HttpContext context, AuditedAttribute declared, string outcome) =>
        PatientOf(context) ?? (declared.PatientIsCaller && outcome == AuditOutcome.Success
            && Guid.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var me) ? me : null);

    /// <summary>Writes the declared audit row for every request whose endpoint carries <see cref="AuditedAttribute"/>.</summary>
    public static IApplicationBuilder UseDeclaredAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>();
        if (declared is null)
        {
            await next();
            return;
        }
        // The row is written as the response starts (status known, nothing sent yet), so a failed audit
        // write turns the answer into an error instead of leaving an unaudited success.
        var auditor = context.RequestServices.GetRequiredService<Auditor>();
        var recorded = false;
        context.Response.OnStarting(async () =>
        {
            if (recorded)
            {
                return;
            }
            recorded = true;
            var outcome = OutcomeOf(context.Response.StatusCode, context.Response.Headers.Location, threw: false);
            await auditor.RecordAsync(declared.Action, outcome, subject: $"{context.Request.Method} {context.Request.Path}",
                detail: $"status {context.Response.StatusCode}", patientId: PatientOf(context, declared, outcome), ct: CancellationToken.None);
        });
        try
        {
            await next();
        }
        catch
        {
            if (!recorded)
            {
                recorded = true;
                await auditor.RecordAsync(declared.Action, AuditOutcome.Failure, subject: $"{context.Request.Method} {context.Request.Path}",
                    detail: "status 500", patientId: PatientOf(context), ct: CancellationToken.None);
            }
            throw;
        }
        if (!recorded && !context.Response.HasStarted)
        {
            // An answer with no body yet (a 401/403/404 that status-code pages will fill in): its status is final, record it now.
            recorded = true;
            var outcome = OutcomeOf(context.Response.StatusCode, context.Response.Headers.Location, threw: false);
            await auditor.RecordAsync(declared.Action, outcome, subject: $"{context.Request.Method} {context.Request.Path}",
                detail: $"status {context.Response.StatusCode}", patientId: PatientOf(context, declared, outcome), ct: CancellationToken.None);
        }
    });
}
