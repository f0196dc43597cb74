using System.Security.Cryptography;
using System.Text;

namespace Rapport.Web.Features.Therapists;

/// <summary>
/// Opaque stand-ins for condition codes in addresses. The directory's filter is a GET form, so its choices
/// end up in the address bar, the browser history, shared screens and proxy logs: "/therapists?offering=3c5e0a1f"
/// says nothing there, where "?condition=perinatal" would. Not a secret (there are only a few conditions):
/// it keeps clinical words out of sight, nothing more. Keys are derived from the code, so they stay the
/// same when the list of offerings is reordered or grows.
/// </summary>
public static class OfferingKeys
{
    private static readonly Dictionary<string, string> CodeByKey =
        TherapistProfile.Offerings.ToDictionary(o => KeyFor(o.Code), o => o.Code, StringComparer.Ordinal);

    public static string KeyFor(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("rapport-offering:" + code)))[..8];

    /// <summary>The condition code a key stands for; null for an unknown or empty key.</summary>
    public static string? CodeFor(string? key) => key is not null && CodeByKey.TryGetValue(key, out var code) ? code : null;
}
