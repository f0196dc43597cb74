using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/admin/audit").WithTags("Audit")
            .RequireAuthorization(Policies.ApiUser, Policies.Admin)
            .MapGet("/verify", Verify)
            .WithSummary("Walk the audit hash chain and report the first broken link, if any.")
            .WithAudit(AuditAction.VerifiedAuditChain);
    }

    private static async Task<Ok<AuditChainReport>> Verify(AuditWriter writer, CancellationToken ct) =>
        TypedResults.Ok(await writer.VerifyAsync(ct));
}
