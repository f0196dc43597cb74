using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Signing out, from the web or from an API client (readme, rules 7 and 9); both are recorded as <c>account.sign-out</c>.
/// </summary>
public sealed class SignOuts(UserManager<RapportUser> users, SignInManager<RapportUser> signIn, AppDbContext db, Auditor audit, TimeProvider clock)
{
    /// <summary>
    /// Ends the web session of <paramref name="principal"/> and, through a new security stamp, every copy of its cookie and
    /// every API token of the account too.
    /// </summary>
    public async Task EndWebSessionAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return;
        }
        if (await users.GetUserAsync(principal) is { } user)
        {
            // A new security stamp ends this session everywhere, including copies of the cookie.
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(AuditAction.SignOut, userId: user.Id, ct: ct);
        }
        await signIn.SignOutAsync();
    }

    /// <summary>Ends the token family the caller's access token belongs to: its access and refresh tokens stop working at once.</summary>
    public async Task EndTokenFamilyAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var me = principal.UserId();
        if (Guid.TryParseExact(principal.FindFirstValue(BearerAccess.FamilyClaim), "N", out var familyId)
            && await db.TokenFamilies.SingleOrDefaultAsync(f => f.Id == familyId && f.UserId == me, ct) is { } family)
        {
            family.Revoke(clock.GetUtcNow(), "signed out");
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync(AuditAction.SignOut, userId: me, detail: "api token", ct: ct);
    }
}
