using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.DataRights;

public static class DataRightsSetup
{
    public const string PagePath = "/account/data";

    public static void AddDataRights(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DataRightsOptions>(builder.Configuration.GetSection("DataRights"));
        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection("Retention"));
        builder.Services.AddScoped<ErasureRequests>();
        builder.Services.AddScoped<RecordsPurge>();
        builder.Services.AddScoped<RecordsCopy>();
        if (builder.Configuration.GetValue("DataRights:RunJobs", true))
        {
            builder.Services.AddHostedService<DataRightsJob>();
        }
    }

    public static void MapDataRights(this IEndpointRouteBuilder app)
    {
        // Downloaded from the page, so it uses the sign-in cookie; the caller's own record only, so no address names anyone.
        app.MapGet(PagePath + "/export.pdf", CopyPdf).RequireAuthorization(Policies.Patient)
            .WithMetadata(new AuditedAttribute(AuditAction.RecordsCopyRead) { PatientIsCaller = true }).ExcludeFromDescription();
    }

    private static async Task<FileContentHttpResult> CopyPdf(HttpContext http, RecordsCopy copy, CancellationToken ct)
    {
        var bytes = await copy.PdfAsync(http.User.UserId(), ct);
        // Private: never kept by a shared cache or the browser's back-forward cache.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(bytes, "application/pdf", RecordsCopy.FileName);
    }
}

/// <summary>
/// Carries out the erasure requests whose grace period is over, then purges the records whose retention has ended, every
/// <see cref="DataRightsOptions.CheckEvery"/> on every instance; each request's version decides which instance's change stands.
/// </summary>
public sealed class DataRightsJob(IServiceScopeFactory scopes, IOptions<DataRightsOptions> options, TimeProvider clock, ILogger<DataRightsJob> log)
    : PeriodicCheck(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override string What => "The erasure and retention check";

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<ErasureRequests>().CarryOutDueAsync(ct);
        await services.GetRequiredService<RecordsPurge>().PurgeDueAsync(ct);
    }
}
