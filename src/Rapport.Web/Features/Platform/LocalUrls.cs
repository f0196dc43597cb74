namespace Rapport.Web.Features.Platform;

/// <summary>Where the app may send someone back to after a step such as sign-in: a path on this site, nothing else.</summary>
public static class LocalUrls
{
    private static readonly Uri Site = new("https://rapport.invalid/");

    /// <summary>
    /// True only for an absolute path of this site: it starts with one '/', holds no control character (browsers drop
    /// tabs and line breaks, so <c>/&#9;/evil.example</c> becomes <c>//evil.example</c>) and no backslash (read as '/'),
    /// and resolving it against the site leaves the site. Checked by parsing, not by looking at the first characters.
    /// </summary>
    public static bool IsLocalPath(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)
            || url.Contains('\\', StringComparison.Ordinal) || url.Any(char.IsControl))
        {
            return false;
        }
        return Uri.TryCreate(Site, url, out var resolved)
            && resolved.Scheme == Site.Scheme && resolved.Authority == Site.Authority && resolved.UserInfo.Length == 0;
    }

    /// <summary>The url when it is a local path, else <paramref name="fallback"/>.</summary>
    public static string LocalPathOr(string? url, string fallback) => IsLocalPath(url) ? url! : fallback;
}
