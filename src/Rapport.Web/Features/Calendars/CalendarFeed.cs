using System.Security.Cryptography;
using System.Text;

namespace Rapport.Web.Features.Calendars;

/// <summary>
/// A private subscription address for a person's appointments, for calendar apps that cannot sign in.
/// The token (256 random bits) is shown once; only its hash is stored; revoking makes the address dead.
/// </summary>
public sealed class CalendarFeed
{
    private CalendarFeed() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static (CalendarFeed Feed, string Token) Create(Guid userId, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new CalendarFeed { Id = Guid.CreateVersion7(now), UserId = userId, TokenHash = Hash(token), CreatedAt = now }, token);
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
