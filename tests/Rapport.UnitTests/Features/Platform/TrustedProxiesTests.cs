using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Rapport.Web.Features.Platform;

namespace Rapport.UnitTests.Features.Platform;

public sealed class TrustedProxiesTests
{
    private static ForwardedHeadersOptions Configured(bool development, params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var options = new ForwardedHeadersOptions();
        TrustedProxies.Configure(options, config, development);
        return options;
    }

    [Fact]
    public void OutsideDevelopmentNobodysForwardedHeadersAreReadUnlessProxiesAreNamed()
    {
        var options = Configured(development: false);

        Assert.Equal(ForwardedHeaders.None, options.ForwardedHeaders);
        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
    }

    [Fact]
    public void InDevelopmentLoopbackIsTrusted()
    {
        var options = Configured(development: true);

        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Loopback));
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void NamedProxiesAndNetworksAreTheOnlyOnesTrusted()
    {
        var options = Configured(development: true,
            ("ForwardedHeaders:KnownProxies", "10.0.0.5, 10.0.0.6"), ("ForwardedHeaders:KnownNetworks:0", "172.16.0.0/12"));

        Assert.Equal(new[] { IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6") }, options.KnownProxies);
        var network = Assert.Single(options.KnownIPNetworks);
        Assert.True(network.Contains(IPAddress.Parse("172.20.1.1")));
        Assert.False(network.Contains(IPAddress.Loopback));
    }
}
