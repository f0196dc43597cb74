using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
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

    private static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> IssueToken(TokenRequest request, TokenSignIn tokens, CancellationToken ct)
    {
        var answer = await tokens.IssueAsync(request.Email.Trim(), request.Password, request.TwoFactorCode, request.TwoFactorRecoveryCode, ct);
        return answer.Tokens is { } issued ? TypedResults.Ok(issued) : Refused(answer.Title!, answer.Detail!);
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> Refresh(RefreshRequest request, TokenSignIn tokens, CancellationToken ct) =>
        await tokens.RefreshAsync(request.RefreshToken, ct) is { } rotated ? TypedResults.Ok(rotated) : RefreshRefused();

    private static async Task<NoContent> SignOut(ClaimsPrincipal principal, SignOuts signOuts, CancellationToken ct)
    {
        await signOuts.EndTokenFamilyAsync(principal, ct);
        return TypedResults.NoContent();
    }

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
