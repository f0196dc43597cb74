using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Admin;

/// <summary>
/// The admin API: for now the audit log's verification and inclusion proofs. It lives with the admin pages, as the audit
/// page does: the Audit feature is the lowest layer and cannot name the Accounts feature's admin policy
/// (docs/architecture.md, "Layers").
/// </summary>
public static class AdminApi
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/admin/audit").WithTags("Audit")
            .RequireAuthorization(Policies.ApiUser, Policies.Admin);
        audit.MapGet("/verify", Verify)
            .WithSummary("Check every block's Merkle root, chain link and signature, then the latest checkpoint kept outside the database.")
            // The request is a read of the log; the verdict is recorded by the check itself, as on the audit page.
            .WithAudit(AuditAction.ReadAuditLog);
        audit.MapGet("/entries/{sequence:long}/proof", Proof)
            .WithSummary("An RFC 6962 inclusion proof of one entry in its signed block.")
            .WithAudit(AuditAction.AuditProofRead);
    }

    private static async Task<Ok<AuditChainReport>> Verify(AuditChainCheck check, CancellationToken ct) =>
        TypedResults.Ok(await check.VerifyAndRecordAsync(ct));

    private static async Task<Results<Ok<AuditInclusionProof>, ProblemHttpResult>> Proof(long sequence, AuditVerifier verifier, CancellationToken ct) =>
        await verifier.ProveAsync(sequence, ct) is { } proof
            ? TypedResults.Ok(proof)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No sealed audit entry has this number.");
}
