using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Signing in for bearer tokens and rotating them (readme, rule 9): the password step and the second factor are
/// <see cref="PasswordSignIn"/>'s, as on the web; a new <see cref="TokenFamily"/>, its refusals and its replays are
/// recorded here, so the endpoint only translates.
/// </summary>
public sealed class TokenSignIn(
    PasswordSignIn passwords, UserManager<RapportUser> users, SignInManager<RapportUser> signIn, AppDbContext db, BearerAccess access, Auditor audit,
    TimeProvider clock)
{
    /// <summary>The tokens, or the refusal's title and words (answered as 401).</summary>
    public sealed record Answer(AccessTokenResponse? Tokens, string? Title = null, string? Detail = null);

    public async Task<Answer> IssueAsync(string email, string password, string? twoFactorCode, string? recoveryCode, CancellationToken ct)
    {
        var (outcome, user) = await passwords.AttemptAsync(email, password, signInWithCookie: false, "api token", ct);
        if (outcome == PasswordSignIn.Outcome.NeedsConfirmation)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user!.Id, subject: email, detail: "api token: e-mail not confirmed", ct: ct);
            return Refused("Sign-in not allowed", "Confirm the e-mail address first.");
        }
        if (outcome == PasswordSignIn.Outcome.Paused)
        {
            // As on the sign-in page: only a caller who knows the password learns of the wait (rule 2a).
            return Refused("Sign-in paused", PasswordSignIn.PausedMessage(PasswordSignIn.PausedUntil(user!)!.Value, user!.TimeZoneId));
        }
        if (outcome != PasswordSignIn.Outcome.Succeeded || user is null)
        {
            return Refused("Sign-in failed", Pages.SignInModel.FailedMessage);
        }

        var twoFactor = await users.GetTwoFactorEnabledAsync(user);
        if (!twoFactor && (await users.GetRolesAsync(user)).Any(r => Roles.Staff.Contains(r)))
        {
            // Staff prove a second factor for every token; one who has not enrolled it yet gets none (rule 9).
            await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Denied, user.Id, subject: email, detail: "api token: second factor not enrolled", ct: ct);
            return Refused("Second factor required", "Enrol an authenticator app at /account/two-factor, then send twoFactorCode with the password.");
        }
        if (twoFactor)
        {
            if (string.IsNullOrEmpty(twoFactorCode) && string.IsNullOrEmpty(recoveryCode))
            {
                await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user.Id, subject: email, detail: "api token: no second factor", ct: ct);
                return Refused("Second factor required", "Send twoFactorCode (or twoFactorRecoveryCode) with the password.");
            }
            if (!await passwords.ProveSecondFactorAsync(user, email, twoFactorCode, recoveryCode, ct))
            {
                return Refused("Sign-in failed", Pages.SignInModel.FailedMessage);
            }
        }

        var (family, refreshToken) = TokenFamily.Start(user.Id, (await users.GetSecurityStampAsync(user))!, twoFactor, clock.GetUtcNow());
        db.TokenFamilies.Add(family);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditAction.SignIn, userId: user.Id, detail: "api token", ct: ct);
        return new Answer(await TokensAsync(user, family, refreshToken));
    }

    /// <summary>A new pair for a refresh token that is the family's latest; null for any other (forged, expired, used or revoked).</summary>
    public async Task<AccessTokenResponse?> RefreshAsync(string presented, CancellationToken ct)
    {
        var familyId = TokenFamily.FamilyOf(presented);
        var family = familyId is null ? null : await db.TokenFamilies.SingleOrDefaultAsync(f => f.Id == familyId, ct);
        var user = family is null ? null : await users.FindByIdAsync(family.UserId.ToString());
        if (family is null || user is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var (outcome, refreshToken) = family.Redeem(presented, (await users.GetSecurityStampAsync(user))!, now);
        if (outcome == TokenRedemption.Rotated && await users.IsLockedOutAsync(user))
        {
            family.Revoke(now, "account locked");
            outcome = TokenRedemption.Revoked;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request redeemed this same token a moment ago: it is a replay as much as a later one is.
            db.ChangeTracker.Clear();
            family = await db.TokenFamilies.SingleAsync(f => f.Id == familyId, ct);
            family.Revoke(now, "replayed");
            await db.SaveChangesAsync(ct);
            outcome = TokenRedemption.Replayed;
        }
        if (outcome == TokenRedemption.Replayed)
        {
            await audit.RecordAsync(AuditAction.TokenReplayed, AuditOutcome.Denied, user.Id, subject: family.Id.ToString(), detail: "family revoked", ct: ct);
        }
        return outcome == TokenRedemption.Rotated ? await TokensAsync(user, family, refreshToken!) : null;
    }

    private async Task<AccessTokenResponse> TokensAsync(RapportUser user, TokenFamily family, string refreshToken)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return new AccessTokenResponse
        {
            AccessToken = access.IssueAccessToken(principal, family),
            ExpiresIn = (long)BearerAccess.AccessTokenLifetime.TotalSeconds,
            RefreshToken = refreshToken,
        };
    }

    private static Answer Refused(string title, string detail) => new(null, title, detail);
}
