using System.Net;
using System.Text.Json;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Interoperability;
using Task = System.Threading.Tasks.Task;

namespace Rapport.IntegrationTests.Features.Interoperability;

/// <summary>
/// Reads FHIR answers with the Firely SDK and validates them with the Firely validator against the base R4 profiles
/// from the specification package. The validator is built once for the test run: it takes seconds to warm up.
/// </summary>
internal static class FhirChecks
{
    private static readonly Lazy<Validator> Validator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver.AsAsync(), new LocalTerminologyService(resolver.AsAsync()));
    });

    /// <summary>The issues of severity error or fatal, as lines to show in a failing assertion.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Validator)
        {
            outcome = Validator.Value.Validate(resource);
        }
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {i.Diagnostics ?? i.Details?.Text} at {string.Join(",", i.Expression ?? [])}")];
    }

    public static void AssertValid(Resource resource)
    {
        var errors = Errors(resource);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>The answer as a FHIR resource of the expected type, with FHIR's media type, after checking the status.</summary>
    public static async Task<T> FhirAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK) where T : Resource
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        return Assert.IsAssignableFrom<T>(JsonSerializer.Deserialize<Resource>(body, FhirJson.Options));
    }

    public static async Task<T> FhirAsync<T>(this Visitor api, string url, HttpStatusCode status = HttpStatusCode.OK) where T : Resource =>
        await (await api.Http.GetAsync(url)).FhirAsync<T>(status);

    public static IReadOnlyList<T> All<T>(this Bundle bundle) where T : Resource => [.. bundle.Entry.Select(e => e.Resource).OfType<T>()];

    /// <summary>An OperationOutcome with one error issue of the expected kind, valid R4 itself.</summary>
    public static async Task AssertOutcomeAsync(this HttpResponseMessage response, HttpStatusCode status, OperationOutcome.IssueType code)
    {
        var outcome = await response.FhirAsync<OperationOutcome>(status);
        Assert.Equal(code, Assert.Single(outcome.Issue).Code);
        AssertValid(outcome);
    }
}
