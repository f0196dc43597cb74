using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Bearer tokens for API clients: short-lived access tokens in ASP.NET Core Identity's bearer format, checked on
/// every request (<see cref="BearerAccess"/>), and single-use refresh tokens rotated within a <see cref="TokenFamily"/>.
/// Registration stays on the web page, where the profile, consent and confirmation live.
/// </summary>
public static class AccountsApi
{
    public sealed record TokenRequest(
        [property: Required, EmailAddress, StringLength(256)] string Email,
        [property: Required, StringLength(CommonPasswordValidator.MaximumLength)] string Password,
        [property: StringLength(10)] string? TwoFactorCode = null,
        [property: StringLength(20)] string? TwoFactorRecoveryCode = null);

    public sealed record RefreshRequest([property: Required] string RefreshToken);

    public sealed record Me(Guid Id, string Email, string DisplayName, string TimeZoneId, string PreferredLanguage,
        string CountryCode, IReadOnlyList<string> Roles, bool TwoFactorEnabled);

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Authentication").AllowAnonymous();
        auth.MapPost("/token", IssueToken)
            .WithoutAudit("the sign-in exchange itself; its outcomes are recorded by the account events (sign-in, failed sign-in, lockout)")
            .WithSummary("Exchange e-mail, password and (for staff) a TOTP code for a bearer token.")
            .DisableAntiforgery();
        auth.MapPost("/refresh", Refresh)
            .WithoutAudit("swaps a refresh token for a new pair; returns no personal data, and a replay is recorded as account.token-replayed")
            .WithSummary("Exchange a refresh token for a new access token and a new refresh token; the old one stops working.")
            .DisableAntiforgery();
        app.MapPost("/api/v1/auth/sign-out", SignOut).WithTags("Authentication").RequireAuthorization(Policies.ApiUser)
            .WithoutAudit("ends the caller's own token family; recorded as account.sign-out")
            .WithSummary("Sign out: the caller's access and refresh tokens stop working.")
            .DisableAntiforgery();

        app.MapGroup("/api/v1").WithTags("Accounts").RequireAuthorization(Policies.ApiUser)
            .MapGet("/me", GetMe)
            .WithAudit(AuditAction.ReadOwnProfile)
            .WithSummary("The signed-in person's own profile and roles.");
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, PasswordSignIn passwords, UserManager<RapportUser> users, SignInManager<RapportUser> signIn,
        AppDbContext db, BearerAccess access, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var email = request.Email.Trim();
        var (outcome, user) = await passwords.AttemptAsync(email, request.Password, signInWithCookie: false, "api token", ct);
        if (outcome == PasswordSignIn.Outcome.NeedsConfirmation)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user!.Id, subject: email, detail: "api token: e-mail not confirmed", ct: ct);
            return Refused("Sign-in not allowed", "Confirm the e-mail address first.");
        }
        if (outcome == PasswordSignIn.Outcome.Paused)
        {
            // As on the sign-in page: only a caller who knows the password learns of the wait (Accounts readme, rule 2a).
            return Refused("Sign-in paused", PasswordSignIn.PausedMessage(PasswordSignIn.PausedUntil(user!)!.Value, user!.TimeZoneId));
        }
        if (outcome != PasswordSignIn.Outcome.Succeeded || user is null)
        {
            return Refused("Sign-in failed", Pages.SignInModel.FailedMessage);
        }

        var twoFactor = await users.GetTwoFactorEnabledAsync(user);
        if (!twoFactor && await IsStaffAsync(users, user))
        {
            // Staff prove a second factor for every token; one who has not enrolled it yet gets none (Accounts readme, rule 9).
            await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Denied, user.Id, subject: email, detail: "api token: second factor not enrolled", ct: ct);
            return Refused("Second factor required", "Enrol an authenticator app at /account/two-factor, then send twoFactorCode with the password.");
        }
        if (twoFactor)
        {
            if (string.IsNullOrEmpty(request.TwoFactorCode) && string.IsNullOrEmpty(request.TwoFactorRecoveryCode))
            {
                await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user.Id, subject: email, detail: "api token: no second factor", ct: ct);
                return Refused("Second factor required", "Send twoFactorCode (or twoFactorRecoveryCode) with the password.");
            }
            if (!await passwords.ProveSecondFactorAsync(user, email, request.TwoFactorCode, request.TwoFactorRecoveryCode, ct))
            {
                return Refused("Sign-in failed", Pages.SignInModel.FailedMessage);
            }
        }

        var (family, refreshToken) = TokenFamily.Start(user.Id, (await users.GetSecurityStampAsync(user))!, twoFactor, clock.GetUtcNow());
        db.TokenFamilies.Add(family);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditAction.SignIn, userId: user.Id, detail: "api token", ct: ct);
        return TypedResults.Ok(await TokensAsync(signIn, access, user, family, refreshToken));
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, UserManager<RapportUser> users, SignInManager<RapportUser> signIn,
        AppDbContext db, BearerAccess access, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var familyId = TokenFamily.FamilyOf(request.RefreshToken);
        var family = familyId is null ? null : await db.TokenFamilies.SingleOrDefaultAsync(f => f.Id == familyId, ct);
        var user = family is null ? null : await users.FindByIdAsync(family.UserId.ToString());
        if (family is null || user is null)
        {
            return RefreshRefused();
        }
        var now = clock.GetUtcNow();
        var (outcome, refreshToken) = family.Redeem(request.RefreshToken, (await users.GetSecurityStampAsync(user))!, now);
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
        return outcome == TokenRedemption.Rotated
            ? TypedResults.Ok(await TokensAsync(signIn, access, user, family, refreshToken!))
            : RefreshRefused();
    }

    private static async Task<NoContent> SignOut(ClaimsPrincipal principal, SignOuts signOuts, CancellationToken ct)
    {
        await signOuts.EndTokenFamilyAsync(principal, ct);
        return TypedResults.NoContent();
    }

    private static async Task<AccessTokenResponse> TokensAsync(
        SignInManager<RapportUser> signIn, BearerAccess access, RapportUser user, TokenFamily family, string refreshToken)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return new AccessTokenResponse
        {
            AccessToken = access.IssueAccessToken(principal, family),
            ExpiresIn = (long)BearerAccess.AccessTokenLifetime.TotalSeconds,
            RefreshToken = refreshToken,
        };
    }

    private static async Task<bool> IsStaffAsync(UserManager<RapportUser> users, RapportUser user) =>
        (await users.GetRolesAsync(user)).Any(r => Roles.Staff.Contains(r));

    private static ProblemHttpResult Refused(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: title);

    // One answer for a forged, expired, used or revoked refresh token: the client signs in again.
    private static ProblemHttpResult RefreshRefused() =>
        Refused("Refresh token refused", "This refresh token is not valid any more. Sign in again.");

    private static async Task<Results<Ok<Me>, NotFound>> GetMe(ClaimsPrincipal principal, UserManager<RapportUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new Me(user.Id, user.Email!, user.DisplayName, user.TimeZoneId, user.PreferredLanguage,
            user.CountryCode, roles.Order(StringComparer.Ordinal).ToArray(), user.TwoFactorEnabled));
    }
}
