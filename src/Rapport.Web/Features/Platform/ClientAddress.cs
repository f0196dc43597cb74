using System.Net;

namespace Rapport.Web.Features.Platform;

/// <summary>How rate limits name a client: its IPv4 address, or the /64 network of an IPv6 address.</summary>
public static class ClientAddress
{
    /// <summary>
    /// One IPv6 subscriber usually holds a whole /64 and can change address within it at will, so counting per address
    /// would give them 2^64 fresh counts.
    /// </summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
