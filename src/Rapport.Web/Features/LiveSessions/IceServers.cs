using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Web.Features.LiveSessions;

/// <summary>One entry of RTCConfiguration.iceServers.</summary>
public sealed record IceServer(IReadOnlyList<string> Urls, string? Username = null, string? Credential = null);

/// <summary>
/// STUN and TURN servers from configuration, with short-lived TURN credentials per user in the TURN REST scheme
/// that coturn checks with <c>use-auth-secret</c>: username = "{unix expiry}:{user id}",
/// credential = base64(HMAC-SHA1(shared secret, username)). The secret never leaves the server.
/// </summary>
public sealed class IceServers(IConfiguration config, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(10);

    public IReadOnlyList<IceServer> For(Guid userId)
    {
        var servers = new List<IceServer>();
        var stun = Urls("LiveSessions:StunUrls");
        if (stun.Count > 0)
        {
            servers.Add(new IceServer(stun));
        }
        var turn = Urls("LiveSessions:TurnUrls");
        var secret = config["LiveSessions:TurnSharedSecret"];
        if (turn.Count > 0 && !string.IsNullOrEmpty(secret))
        {
            var lifetime = config.GetValue("LiveSessions:TurnCredentialLifetime", DefaultLifetime);
            var expiry = (clock.GetUtcNow() + lifetime).ToUnixTimeSeconds();
            var username = $"{expiry.ToString(CultureInfo.InvariantCulture)}:{userId}";
            servers.Add(new IceServer(turn, username, Credential(secret, username)));
        }
        return servers;
    }

    public static string Credential(string secret, string username)
    {
        // HMAC-SHA1 is what the TURN REST scheme and coturn's use-auth-secret define; it is a MAC here, not a hash of secrets.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
    }

    /// <summary>A list in configuration, or one comma-separated value (easier in an environment variable).</summary>
    private List<string> Urls(string key)
    {
        var section = config.GetSection(key);
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (items.Count == 0 && section.Value is { } single)
        {
            items = [.. single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        return items;
    }
}
