using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Extensions;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using R4 = Hl7.Fhir.Model;

namespace Rapport.Web.Features.Interoperability;

/// <summary>The FHIR R4 API under /fhir and the patient's own copy of their records (Interoperability readme).</summary>
public static class InteroperabilitySetup
{
    public static void AddInteroperability(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FhirRecords>();
        builder.Services.AddScoped<RecordExport>();
        builder.Services.AddExceptionHandler<FhirExceptionHandler>();
        // First among the ProblemDetails writers, so the status-code pages' empty 401/403/404 under /fhir become OperationOutcomes.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, FhirProblemWriter>());
    }

    public static void MapInteroperability(this WebApplication app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR").ExcludeFromDescription();
        fhir.MapGet("/metadata", (HttpContext http) => new FhirResult(CapabilityMapping.Capabilities(BaseUrl(http), Published)))
            .AllowAnonymous().WithoutAudit("the server's capability statement; nothing about anyone");

        var records = fhir.MapGroup("").RequireAuthorization(Policies.ApiUser, Policies.PatientOrTherapist);
        foreach (var type in FhirRecords.Searches.Keys)
        {
            var endpoints = type == "Flag" ? fhir.MapGroup("").RequireAuthorization(Policies.ApiUser, Policies.Therapist) : records;
            endpoints.MapGet($"/{type}", (HttpContext http, FhirRecords use, CancellationToken ct) => SearchAsync(http, use, type, ct))
                .WithoutAudit("audited by FhirRecords: one fhir.search entry per request naming the resource type and count");
            endpoints.MapGet($"/{type}/{{id}}", (string id, HttpContext http, FhirRecords use, CancellationToken ct) => ReadAsync(http, use, type, id, ct))
                .WithoutAudit("audited by FhirRecords: one fhir.read entry per request naming the resource type");
        }

        app.MapGet("/api/v1/me/export", ExportAsync).WithTags("Accounts").RequireAuthorization(Policies.ApiUser, Policies.Patient)
            .WithoutAudit("audited by RecordExport: one record.exported entry counting each kind")
            .Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType)
            .WithSummary("Your own records as a FHIR R4 Bundle (collection): everything Rapport holds about you.");
        app.MapGet("/account/data/export", DownloadAsync).RequireAuthorization(Policies.Patient)
            .WithoutAudit("audited by RecordExport: one record.exported entry counting each kind")
            .ExcludeFromDescription();
    }

    /// <summary>When this capability statement was last changed.</summary>
    private static readonly DateTimeOffset Published = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static async Task<FhirResult> ReadAsync(HttpContext http, FhirRecords use, string type, string id, CancellationToken ct) =>
        new(await use.ReadAsync(FhirCaller.Of(http.User), type, id, ct));

    private static async Task<FhirResult> SearchAsync(HttpContext http, FhirRecords use, string type, CancellationToken ct)
    {
        var query = FhirQuery.Parse(http.Request.Query, [.. FhirRecords.Searches[type].Select(p => p.Name)]);
        var page = await use.SearchAsync(FhirCaller.Of(http.User), type, query, ct);
        var self = $"{BaseUrl(http)}/fhir/{type}";
        var bundle = new R4.Bundle
        {
            Type = R4.Bundle.BundleType.Searchset,
            Total = page.Total,
            Link = [new R4.Bundle.LinkComponent { Relation = "self", Url = self + http.Request.QueryString }],
            Entry = [.. page.Resources.Select(r => new R4.Bundle.EntryComponent
            {
                FullUrl = $"{BaseUrl(http)}/fhir/{r.TypeName}/{r.Id}",
                Resource = r,
                Search = new R4.Bundle.SearchComponent { Mode = R4.Bundle.SearchEntryMode.Match },
            })],
        };
        if (query.Offset + page.Resources.Count < page.Total && query.Count > 0)
        {
            var next = new QueryBuilder(query.Values.Where(v => v.Key != FhirQuery.OffsetParameter));
            next.Add(FhirQuery.OffsetParameter, (query.Offset + query.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "next", Url = self + next.ToQueryString() });
        }
        return new FhirResult(bundle);
    }

    private static async Task<FhirResult> ExportAsync(HttpContext http, RecordExport export, CancellationToken ct) =>
        new(await export.ExportAsync(http.User.UserId(), BaseUrl(http), "api", ct));

    private static async Task<FhirResult> DownloadAsync(HttpContext http, RecordExport export, TimeProvider clock, CancellationToken ct) =>
        new(await export.ExportAsync(http.User.UserId(), BaseUrl(http), "download", ct), fileName: RecordExport.FileName(clock.GetUtcNow()));
}
