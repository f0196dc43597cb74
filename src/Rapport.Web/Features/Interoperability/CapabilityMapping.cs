using Hl7.Fhir.Model;

namespace Rapport.Web.Features.Interoperability;

/// <summary>What the server offers, from the same list of searches the use case serves, so the two cannot drift apart.</summary>
public static class CapabilityMapping
{
    public static CapabilityStatement Capabilities(string baseUrl, DateTimeOffset published)
    {
        var fhirBase = $"{baseUrl.TrimEnd('/')}/fhir";
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            DateElement = new FhirDateTime(published),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Rapport" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Rapport's FHIR R4 API", Url = fhirBase },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [FhirJson.MediaType, "json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = "Read-only. Send 'Authorization: Bearer <token>' from POST /api/v1/auth/token. A patient sees only themself; "
                        + "a clinician the patients in their care. Pages: _count (at most 100) and the Bundle's next link.",
                    Security = new CapabilityStatement.SecurityComponent
                    {
                        Cors = false,
                        Description = "Bearer tokens of Rapport's own API (POST /api/v1/auth/token); staff tokens need a second factor.",
                    },
                    Resource = [.. FhirRecords.Searches.Select(search => new CapabilityStatement.ResourceComponent
                    {
                        Type = search.Key,
                        Interaction =
                        [
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                        ],
                        SearchParam = [.. search.Value.Select(p => new CapabilityStatement.SearchParamComponent
                        {
                            Name = p.Name,
                            Type = p.Type,
                            Documentation = p.Documentation,
                        })],
                    })],
                },
            ],
        };
    }
}
