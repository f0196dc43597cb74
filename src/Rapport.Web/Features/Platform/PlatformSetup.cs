using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Platform;

/// <summary>Health, OpenAPI, error handling and the HTTP pipeline's protective layers.</summary>
public static class PlatformSetup
{
    /// <summary>The public address for links in e-mail and checks of Origin: always configured, never taken from a request.</summary>
    public static string PublicBaseUrl(this IConfiguration config) => (config["App:BaseUrl"] ?? "http://localhost:5000").TrimEnd('/');

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddErrorHandling();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PageLinks>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            // The configured public address, never the request's Host header, which any client can set.
            var publicBaseUrl = builder.Configuration.PublicBaseUrl();
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Servers = [new OpenApiServer { Url = publicBaseUrl }];
                return Task.CompletedTask;
            });
        });
        builder.Services.AddValidation();
        // Pages are compressed as they are sent; CSS and scripts were compressed at build time (MapStaticFiles below).
        // Over HTTPS too, on purpose: the readme (rule 11) says why BREACH does not reach a secret here, and pages that
        // show one opt out with [SecretsInBody].
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a page is a few KB, and at this level Brotli already takes it to about a fifth (docs/performance.md)
        // for a fraction of the CPU of the default (optimal) level.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        });
        // Every cookie the app sets is Secure, whatever its own options say (UseCookiePolicy in Program.cs).
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-rapport-af";
            // With SecurePolicy=Always, antiforgery throws on any non-HTTPS request, so every form page was a 500 on
            // http://localhost (`dotnet run`, browser tests). The cookie policy above still marks this cookie Secure,
            // which browsers accept from localhost/127.0.0.1 (secure contexts) and nowhere else over plain HTTP.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
        });
        // One-time notices after a redirect (Features/Notices.cs) ride in this cookie, sealed by Data Protection, so
        // nothing a page confirms ever sits in an address. HttpOnly and Strict: no script and no other site needs it.
        builder.Services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "__Host-rapport-notice";
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.IsEssential = true;
        });
        // Nothing here runs jQuery validation: without this, every asp-for would carry data-val-* attributes (and a maxlength,
        // which docs/architecture.md forbids on free text) that only make pages bigger.
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        // Text and dates are checked once, at the edge, for every form, query and JSON body (InputRules).
        builder.Services.Configure<MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new InputRulesBinderProvider(o.ModelBinderProviders));
            o.Filters.Add(new InputRulesPageFilter());
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolver =
            (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(InputRules.CheckAfterReading));
        builder.Services.Configure<ForwardedHeadersOptions>(o => TrustedProxies.Configure(o, builder.Configuration, builder.Environment.IsDevelopment()));
        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
            });
        }
    }

    /// <summary>
    /// wwwroot through the build's manifest: each file also under a fingerprinted address (`site.{hash}.css`) cached for a
    /// year as immutable, with its Brotli and gzip forms made at build time. Pages name files by those addresses
    /// (`asp-append-version`, resolved by <c>WithStaticAssets</c>), so a deploy never serves an old stylesheet from cache.
    /// </summary>
    public static void MapStaticFiles(this WebApplication app) =>
        app.MapStaticAssets().AllowAnonymous().WithoutAudit("the site's own CSS and scripts; no data");

    public static void MapPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/health", new()
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
        }).AllowAnonymous().WithoutAudit("health probe: whether the database answers, nothing about anyone");
        // Liveness without touching the database: also the bare baseline in docs/performance.md.
        app.MapGet("/health/live", () => TypedResults.Text("ok")).AllowAnonymous().WithoutAudit("static liveness probe").ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().WithoutAudit("the API's published description; no data");
        // An address that matches nothing is answered by RoutingRefusals (404, 405, 415), before authorization.
    }
}

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
