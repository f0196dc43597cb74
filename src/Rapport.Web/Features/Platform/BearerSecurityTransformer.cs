using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Rapport.Web.Features.Platform;

/// <summary>Tells API clients, in the OpenAPI document, that /api/v1 takes a bearer token from /api/v1/auth/token.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Rapport API";
        document.Info.Description = "Obtain a token with POST /api/v1/auth/token, then send it as 'Authorization: Bearer <token>'. Errors are RFC 9457 ProblemDetails.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Token from POST /api/v1/auth/token",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
