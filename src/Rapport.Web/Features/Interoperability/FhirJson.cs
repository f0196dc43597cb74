using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Rapport.Web.Features.Interoperability;

/// <summary>FHIR R4 JSON through the Firely SDK's own converters (Interoperability readme, rule 2).</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";
    public const string ContentType = "application/fhir+json; fhirVersion=4.0";

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
}

/// <summary>A FHIR resource as an answer: its JSON with the FHIR media type, never cached.</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK, string? fileName = null) : IResult
{
    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = FhirJson.ContentType;
        httpContext.Response.Headers.CacheControl = "no-store";
        if (fileName is not null)
        {
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, FhirJson.Options, httpContext.RequestAborted);
    }
}
