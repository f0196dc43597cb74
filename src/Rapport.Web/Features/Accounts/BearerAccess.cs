using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Issues API access tokens and decides, on every request, whether one still stands: its account's security
/// stamp is the one it was issued with (sign-out, password change or reset, 2FA changes and role changes renew
/// the stamp), the account is not locked, and its token family is not revoked. The answer is cached for
/// <see cref="CacheFor"/>; any change of a stamp, lock or family saved by this instance clears the cache at once,
/// so here the end is immediate and on other instances it takes at most that long.
/// </summary>
public sealed class BearerAccess(IMemoryCache cache, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
{
    public const string FamilyClaim = "rapport:token-family";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    // Part of every cache key: bumping it forgets every cached answer. Stamp changes are rare (sign-outs, password
    // changes), so forgetting everyone's answer is cheaper than tracking which keys belong to whom.
    private static long s_generation;

    public static void ForgetEverything() => Interlocked.Increment(ref s_generation);

    /// <summary>A bearer token for <paramref name="principal"/> in <paramref name="family"/>, in Identity's bearer format.</summary>
    public string IssueAccessToken(ClaimsPrincipal principal, TokenFamily family)
    {
        var identity = principal.Identities.First();
        identity.AddClaim(new Claim(FamilyClaim, family.Id.ToString("N")));
        if (family.SecondFactor && !identity.HasClaim("amr", "mfa"))
        {
            identity.AddClaim(new Claim("amr", "mfa"));
        }
        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + AccessTokenLifetime };
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        return options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken"));
    }

    public async Task<bool> StandsAsync(ClaimsPrincipal principal, AppDbContext db, IdentityOptions identity, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(identity.ClaimsIdentity.UserIdClaimType), out var userId)
            || !Guid.TryParseExact(principal.FindFirstValue(FamilyClaim), "N", out var familyId)
            || principal.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType) is not { } stamp)
        {
            return false;
        }
        var key = (Interlocked.Read(ref s_generation), userId, familyId, stamp);
        if (cache.TryGetValue(key, out bool stands))
        {
            return stands;
        }
        var now = clock.GetUtcNow();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.LockoutEnd,
                FamilyLive = db.TokenFamilies.Any(f => f.Id == familyId && f.UserId == userId && f.RevokedAt == null),
            })
            .SingleOrDefaultAsync(ct);
        stands = row is not null && row.SecurityStamp == stamp && row.FamilyLive && !(row.LockoutEnd > now);
        cache.Set(key, stands, CacheFor);
        return stands;
    }

    /// <summary>Clears the cached answers when a stamp, a lock or a token family changes: before the save and again after it.</summary>
    public sealed class Invalidation : ForgetOnSaveInterceptor
    {
        protected override bool Touches(DbContext context) => context.ChangeTracker.Entries().Any(entry => entry switch
        {
            { Entity: RapportUser, State: EntityState.Modified or EntityState.Deleted } =>
                entry.Property(nameof(RapportUser.SecurityStamp)).IsModified || entry.Property(nameof(RapportUser.LockoutEnd)).IsModified
                || entry.State == EntityState.Deleted,
            { Entity: TokenFamily, State: EntityState.Modified } => entry.Property(nameof(TokenFamily.RevokedAt)).IsModified,
            _ => false,
        });

        protected override void Forget() => ForgetEverything();
    }
}

/// <summary>
/// The API's scheme: Identity's bearer token, and then <see cref="BearerAccess.StandsAsync"/>, so a token whose
/// account signed out, changed its password or was locked, or whose family was revoked, answers 401 at once.
/// </summary>
public sealed class RevocableBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    BearerAccess access, AppDbContext db, IOptions<IdentityOptions> identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Rapport.Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var inner = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!inner.Succeeded)
        {
            return inner.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(inner.Failure ?? new InvalidOperationException("bearer token refused"));
        }
        if (!await access.StandsAsync(inner.Principal, db, identity.Value, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("The token was revoked.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(inner.Principal, inner.Properties, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(IdentityConstants.BearerScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.ForbidAsync(IdentityConstants.BearerScheme, properties);
}
