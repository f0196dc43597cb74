using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Audit;

/// <summary>
/// The rule of the audit readme (rule 5): every endpoint in the route table (pages, minimal APIs, the hub, probes)
/// declares either [Audited] / .WithAudit or [NotAudited("why")] / .WithoutAudit("why"), and never both. A new page
/// or endpoint that forgets is reported here by its route pattern, before it can read personal data without a row.
/// The route table is the app's own, so nothing can be added without this test seeing it.
/// </summary>
public sealed class AuditDeclarationTests(SqliteApp app)
{
    [Fact]
    public void EveryEndpointThatTouchesPersonalDataDeclaresItsAudit()
    {
        var undeclared = Endpoints().Where(e => Audited(e).Count + NotAudited(e).Count == 0).Select(Describe).ToList();

        Assert.True(undeclared.Count == 0,
            $"{undeclared.Count} endpoint(s) declare neither [Audited(...)] / .WithAudit(...) nor [NotAudited(\"why\")] / .WithoutAudit(\"why\"):\n"
            + string.Join("\n", undeclared));
    }

    [Fact]
    public void NoEndpointIsDeclaredBothAuditedAndNotAudited()
    {
        var both = Endpoints().Where(e => Audited(e).Count > 0 && NotAudited(e).Count > 0).Select(Describe).ToList();
        // Two actions on one endpoint (a group's and its own) would leave the middleware to pick one silently.
        var twice = Endpoints().Where(e => Audited(e).Count > 1 || NotAudited(e).Count > 1).Select(Describe).ToList();

        Assert.True(both.Count == 0, "Declared both audited and not audited:\n" + string.Join("\n", both));
        Assert.True(twice.Count == 0, "Declared more than once:\n" + string.Join("\n", twice));
    }

    [Fact]
    public void EveryDeclaredActionIsAStableAuditActionName()
    {
        var known = typeof(AuditAction).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

        var unknown = Endpoints().SelectMany(e => Audited(e).Where(a => !known.Contains(a.Action)).Select(a => $"{Describe(e)}: {a.Action}")).ToList();

        Assert.True(unknown.Count == 0, "Actions that are not AuditAction constants:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void EveryNotAuditedEndpointSaysWhy()
    {
        var silent = Endpoints().Where(e => NotAudited(e).Any(n => string.IsNullOrWhiteSpace(n.Reason))).Select(Describe).ToList();

        Assert.Empty(silent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ANotAuditedReasonCannotBeEmpty(string? reason)
    {
        Assert.ThrowsAny<ArgumentException>(() => new NotAuditedAttribute(reason!));
        Assert.ThrowsAny<ArgumentException>(() => new ConventionsStub().WithoutAudit(reason!));
    }

    [Fact]
    public void TheRouteTableHoldsThePagesAndTheApi()
    {
        // Guards the test itself: a route table read too early (or from the wrong data source) would be empty and pass.
        var patterns = Endpoints().Select(e => e.RoutePattern.RawText ?? "").ToList();

        Assert.Contains(patterns, p => p.Trim('/') == "therapist/calendar");
        Assert.Contains(patterns, p => p.Trim('/') == "api/v1/appointments");
        Assert.Contains(patterns, p => p.StartsWith("/hubs/", StringComparison.Ordinal));
        Assert.Contains(Endpoints(), e => e.RoutePattern.RawText?.Trim('/') == "admin/audit" && Audited(e).Count == 1);
    }

    private List<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private static List<AuditedAttribute> Audited(Endpoint e) => [.. e.Metadata.GetOrderedMetadata<AuditedAttribute>()];

    private static List<NotAuditedAttribute> NotAudited(Endpoint e) => [.. e.Metadata.GetOrderedMetadata<NotAuditedAttribute>()];

    private static string Describe(RouteEndpoint e)
    {
        var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var page = e.Metadata.GetMetadata<CompiledPageActionDescriptor>()?.ModelTypeInfo?.Name;
        return $"  {(methods is { Count: > 0 } ? string.Join(",", methods) : "ANY")} /{e.RoutePattern.RawText?.TrimStart('/')}"
            + (page is null ? "" : $" ({page})");
    }

    /// <summary>The least builder an extension for endpoint conventions can be called on.</summary>
    private sealed class ConventionsStub : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
        }
    }
}
