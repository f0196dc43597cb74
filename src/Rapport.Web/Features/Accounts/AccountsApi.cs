using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Bearer tokens for API clients (ASP.NET Core Identity's bearer scheme, as in MapIdentityApi's login
/// and refresh). Registration stays on the web page, where the profile, consent and confirmation live.
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
            .WithoutAudit("swaps a refresh token for a new bearer token; returns no personal data")
            .WithSummary("Exchange a refresh token for a new bearer token.")
            .DisableAntiforgery();

        app.MapGroup("/api/v1").WithTags("Accounts").RequireAuthorization(Policies.ApiUser)
            .MapGet("/me", GetMe)
            .WithAudit(AuditAction.ReadOwnProfile)
            .WithSummary("The signed-in person's own profile and roles.");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, SignInManager<RapportUser> signIn, UserManager<RapportUser> users, IPasswordHasher<RapportUser> hasher,
        Auditor audit, CancellationToken ct)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (!string.IsNullOrEmpty(request.TwoFactorCode))
            {
                result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode, isPersistent: false, rememberClient: false);
            }
            else if (!string.IsNullOrEmpty(request.TwoFactorRecoveryCode))
            {
                result = await signIn.TwoFactorRecoveryCodeSignInAsync(request.TwoFactorRecoveryCode);
            }
        }
        var user = await users.FindByEmailAsync(request.Email);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignIn, userId: user!.Id, detail: "api token", ct: ct);
            return TypedResults.Empty; // the bearer handler has written the token response
        }
        if (user is null)
        {
            hasher.HashPassword(new RapportUser(), request.Password); // same time as a real check: no account enumeration by timing
        }
        var passwordRight = result.IsNotAllowed && user is not null && await users.CheckPasswordAsync(user, request.Password);
        var (title, detail, action) = result switch
        {
            { RequiresTwoFactor: true } => ("Second factor required", "Send twoFactorCode (or twoFactorRecoveryCode) with the password.", AuditAction.SignInFailed),
            { IsNotAllowed: true } when passwordRight => ("Sign-in not allowed", "Confirm the e-mail address first.", AuditAction.SignInFailed),
            { IsLockedOut: true } => ("Sign-in failed", Pages.SignInModel.FailedMessage, AuditAction.LockedOut),
            _ => ("Sign-in failed", Pages.SignInModel.FailedMessage, AuditAction.SignInFailed),
        };
        await audit.RecordAsync(action, AuditOutcome.Failure, user?.Id, subject: request.Email, detail: "api token", ct: ct);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: title);
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest request, SignInManager<RapportUser> signIn,
        Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> bearerOptions,
        TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        // Expired, forged, or issued before a password change or sign-out (security stamp): refuse.
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Challenge();
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        if (ticket.Principal.SignedInWithSecondFactor())
        {
            // The refreshed token keeps the proof of the second factor that the first one carried.
            principal.Identities.First().AddClaim(new System.Security.Claims.Claim("amr", "mfa"));
        }
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<Ok<Me>, NotFound>> GetMe(System.Security.Claims.ClaimsPrincipal principal, UserManager<RapportUser> users)
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
