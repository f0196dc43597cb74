using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// TOTP (RFC 6238) that accepts each code once: a code whose time step is not later than the last
/// accepted one is refused (RFC 6238 §5.2; OWASP ASVS: a time-based OTP is used only once), so a code
/// seen over someone's shoulder or replayed from a log cannot sign in again within its 30-second window.
/// Identity's own authenticator provider accepts the same code repeatedly for ±60 seconds.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock, AppDbContext db) : AuthenticatorTokenProvider<RapportUser>
{
    public const string Name = "RapportAuthenticator";
    private const string Store = "[Rapport]";
    private const string LastStep = "TotpLastStep";

    /// <summary>Codes from two steps either side of now are accepted, for phones whose clocks drift.</summary>
    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<RapportUser> manager, RapportUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window))
        {
            return false;
        }
        var last = await manager.GetAuthenticationTokenAsync(user, Store, LastStep);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }
        // Concurrent sign-ins with one code race here: the token's primary key and the user row's concurrency
        // stamp let only one of them record the step; the others are refused like a reused code.
        try
        {
            return (await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture))).Succeeded;
        }
        catch (DbUpdateException)
        {
            foreach (var entry in db.ChangeTracker.Entries<IdentityUserToken<Guid>>().Where(e => e.State == EntityState.Added).ToArray())
            {
                entry.State = EntityState.Detached;
            }
            return false;
        }
    }
}
