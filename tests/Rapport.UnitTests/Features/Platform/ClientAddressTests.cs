using System.Net;
using Rapport.Web.Features.Platform;

namespace Rapport.UnitTests.Features.Platform;

public sealed class ClientAddressTests
{
    [Fact]
    public void AddressesWithinOneIpv6SubscribersNetworkAreCountedAsOne() =>
        Assert.Equal(ClientAddress.Key(IPAddress.Parse("2001:db8:1:2::1")), ClientAddress.Key(IPAddress.Parse("2001:db8:1:2:ffff:1234:5678:9abc")));

    [Fact]
    public void NeighbouringIpv6NetworksAreCountedApart() =>
        Assert.NotEqual(ClientAddress.Key(IPAddress.Parse("2001:db8:1:2::1")), ClientAddress.Key(IPAddress.Parse("2001:db8:1:3::1")));

    [Fact]
    public void Ipv4AddressesAreCountedOneByOneWhetherOrNotMappedIntoIpv6()
    {
        Assert.Equal("192.0.2.7", ClientAddress.Key(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.NotEqual(ClientAddress.Key(IPAddress.Parse("192.0.2.7")), ClientAddress.Key(IPAddress.Parse("192.0.2.8")));
    }
}
