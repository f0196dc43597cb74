using System.IO.Compression;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Keeps what a person typed when their form arrives after the idle sign-out (Accounts readme, rule 7a): the POST is
/// refused as before (sent to sign in, nothing saved), but the fields of a page that asked for it go into a short-lived
/// cookie, encrypted and signed with Data Protection and bound to the person of the expired session and to the page.
/// After signing in again, that page (and only for that person) shows them restored. Nothing of it is ever in a URL,
/// and the text is never readable outside the app.
/// </summary>
public sealed partial class KeptForm(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "__Host-rapport-kept";
    /// <summary>Long enough to sign in again with a second factor; short, since it is clinical text on a device.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    /// <summary>
    /// The cookie is sent with every request: beyond this size (compressed and encrypted, about 60,000 characters of
    /// ordinary text) it would overflow the request headers, so nothing is kept.
    /// </summary>
    private const int MaxCookieLength = 24_000;

    private readonly IDataProtector _protector = protection.CreateProtector("Rapport.Accounts.KeptForm.v1");
    private static readonly ChunkingCookieManager Cookies = new();

    private sealed record Payload(Guid UserId, string Path, DateTimeOffset At, Dictionary<string, string[]> Fields);

    /// <summary>The pages whose posted fields are kept, each with the prefix of the fields to keep.</summary>
    private static readonly (Regex Path, string Prefix)[] Pages = [(NotePath(), "Form.")];

    /// <summary>
    /// Called when a request is sent to sign in: keeps the posted fields of a kept page when the expired session says
    /// whose they are. Returns where to send the person (the page itself, without its handler), or null to go on as usual.
    /// </summary>
    public async Task<string?> KeepAsync(HttpContext http, CookieAuthenticationOptions session)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(session);
        var request = http.Request;
        var path = request.Path.Value ?? "";
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType || Pages.FirstOrDefault(p => p.Path.IsMatch(path)) is not { Prefix: { } prefix })
        {
            return null;
        }
        // The expired session still names its person; it is read only to bind the kept text to them, never to let anyone in.
        var cookie = session.CookieManager.GetRequestCookie(http, session.Cookie.Name!);
        var owner = cookie is null ? null : session.TicketDataFormat.Unprotect(cookie)?.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(owner, out var userId))
        {
            return null;
        }
        var form = await request.ReadFormAsync(http.RequestAborted);
        var fields = form.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        if (fields.Count == 0)
        {
            return null;
        }
        var value = Protect(new Payload(userId, path, clock.GetUtcNow(), fields));
        if (value.Length <= MaxCookieLength)
        {
            Cookies.AppendResponseCookie(http, CookieName, value, Options(http, clock.GetUtcNow() + Lifetime));
        }
        return path;
    }

    /// <summary>The fields kept for this person on this page, if any and not expired.</summary>
    public IReadOnlyDictionary<string, string[]>? Find(HttpContext http, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var value = Cookies.GetRequestCookie(http, CookieName);
        if (string.IsNullOrEmpty(value) || Unprotect(value) is not { } kept)
        {
            return null;
        }
        var fresh = clock.GetUtcNow() - kept.At <= Lifetime;
        return fresh && kept.UserId == userId && string.Equals(kept.Path, http.Request.Path.Value, StringComparison.OrdinalIgnoreCase) ? kept.Fields : null;
    }

    /// <summary>Drops the kept fields once what they held is saved.</summary>
    public static void Forget(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies.Keys.Any(k => k.StartsWith(CookieName, StringComparison.Ordinal)))
        {
            Cookies.DeleteCookie(http, CookieName, Options(http, null));
        }
    }

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expires) => new()
    {
        Path = "/",
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        Expires = expires,
    };

    private string Protect(Payload payload)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, payload);
        }
        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    private Payload? Unprotect(string value)
    {
        try
        {
            var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(value));
            using var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<Payload>(zip);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or JsonException or InvalidDataException)
        {
            return null; // from another key ring, tampered with, or cut short: as if nothing was kept
        }
    }

    [GeneratedRegex("^/therapist/patients/[0-9a-fA-F-]{36}/course/sessions/[0-9a-fA-F-]{36}$")]
    private static partial Regex NotePath();
}
