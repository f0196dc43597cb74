using System.Security.Cryptography;
using System.Text;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// One API sign-in and every refresh token descended from it. Only the SHA-256 of the newest refresh token is
/// kept; each redemption replaces it (rotation), so each token works once. A token of this family that is not
/// the newest is a replay: someone holds a copy, so the whole family is revoked and its access tokens stop
/// (<see cref="BearerAccess"/>).
/// </summary>
public sealed class TokenFamily
{
    /// <summary>256 random bits, far above the 128-bit floor for secrets.</summary>
    public const int SecretBytes = 32;

    /// <summary>A refresh token unused this long is dead: the API's idle limit, as the staff cookie's.</summary>
    public static readonly TimeSpan RefreshLifetime = AccountsSetup.StaffIdleTimeout;

    /// <summary>However often it is refreshed, a family ends after this long and its owner signs in again.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    private TokenFamily() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    /// <summary>The sign-in that started the family proved a second factor (amr=mfa), so its refreshed tokens carry it too.</summary>
    public bool SecondFactor { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>The account's security stamp at sign-in: once it changes (sign-out, new password, 2FA change) the family is over.</summary>
    public string SecurityStamp { get; private set; } = "";
    public string RefreshTokenHash { get; private set; } = "";
    public DateTimeOffset RefreshExpiresAt { get; private set; }
    /// <summary>How many refresh tokens this family has issued; the newest is number <see cref="Generation"/>.</summary>
    public int Generation { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBecause { get; private set; }

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && now < RefreshExpiresAt && now < CreatedAt + AbsoluteLifetime;

    /// <summary>Starts a family at sign-in and returns its first refresh token, which exists only in the response.</summary>
    public static (TokenFamily Family, string RefreshToken) Start(Guid userId, string securityStamp, bool secondFactor, DateTimeOffset now)
    {
        var family = new TokenFamily
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            SecurityStamp = securityStamp,
            SecondFactor = secondFactor,
            CreatedAt = now,
        };
        return (family, family.Issue(now));
    }

    /// <summary>
    /// Redeems <paramref name="refreshToken"/>: the newest token of a live family gets a successor (returned);
    /// an older one is a replay and revokes the family (<see cref="TokenRedemption.Replayed"/>).
    /// </summary>
    public (TokenRedemption Outcome, string? NewToken) Redeem(string refreshToken, string currentSecurityStamp, DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return (TokenRedemption.Revoked, null);
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashToken(refreshToken)), Encoding.ASCII.GetBytes(RefreshTokenHash)))
        {
            Revoke(now, "replayed");
            return (TokenRedemption.Replayed, null);
        }
        if (currentSecurityStamp != SecurityStamp)
        {
            Revoke(now, "security stamp changed");
            return (TokenRedemption.Revoked, null);
        }
        if (!IsLive(now))
        {
            return (TokenRedemption.Expired, null);
        }
        return (TokenRedemption.Rotated, Issue(now));
    }

    public void Revoke(DateTimeOffset now, string because)
    {
        if (RevokedAt is null)
        {
            RevokedAt = now;
            RevokedBecause = because;
        }
    }

    /// <summary>The family a refresh token names, read from its first part (the secret is the second).</summary>
    public static Guid? FamilyOf(string refreshToken)
    {
        var dot = refreshToken.IndexOf('.', StringComparison.Ordinal);
        return dot == 32 && Guid.TryParseExact(refreshToken.AsSpan(0, dot), "N", out var id) ? id : null;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private string Issue(DateTimeOffset now)
    {
        var token = $"{Id:N}.{Base64Url(RandomNumberGenerator.GetBytes(SecretBytes))}";
        RefreshTokenHash = HashToken(token);
        RefreshExpiresAt = now + RefreshLifetime;
        Generation++;
        return token;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum TokenRedemption
{
    Rotated,
    Replayed,
    Revoked,
    Expired,
}
