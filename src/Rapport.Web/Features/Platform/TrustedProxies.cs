using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// Whose <c>X-Forwarded-For</c>/<c>-Proto</c> the app believes: only the proxies and networks named in
/// <c>ForwardedHeaders:KnownProxies</c> and <c>ForwardedHeaders:KnownNetworks</c> (comma-separated, or as lists). With none
/// named, nobody's: ASP.NET Core otherwise trusts any loopback peer, so anything that reaches the app through a local
/// process could claim any address and walk past the per-address rate limits. Development trusts loopback, where
/// <c>dotnet run</c> and the browser tests live.
/// </summary>
public static class TrustedProxies
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration config, bool development)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Values(config, "ForwardedHeaders:KnownProxies"))
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in Values(config, "ForwardedHeaders:KnownNetworks"))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
        {
            if (development)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("::1/128"));
            }
            else
            {
                // Empty lists would mean "trust everyone" to the middleware; read no forwarded header at all instead.
                options.ForwardedHeaders = ForwardedHeaders.None;
            }
        }
    }

    private static IEnumerable<string> Values(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        return (section.Value ?? "").Split(',').Concat(section.GetChildren().Select(c => c.Value ?? ""))
            .Select(v => v.Trim()).Where(v => v.Length > 0);
    }
}
