using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// A page whose body shows a secret (an authenticator key, recovery codes, a calendar feed's private address) is sent
/// uncompressed over HTTPS, so its compressed length can never be used to guess the secret (BREACH; readme rule 11).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SecretsInBodyAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.HttpContext.Features.Get<IHttpsCompressionFeature>() is { } compression)
        {
            compression.Mode = HttpsCompressionMode.DoNotCompress;
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
