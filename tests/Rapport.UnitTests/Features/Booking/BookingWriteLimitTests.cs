using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Rapport.Web.Features;
using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

public sealed class BookingWriteLimitTests
{
    private static BookingWriteLimit Limit(HttpContextAccessor http) => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["RateLimits:BookingWritesPerHour"] = "3",
        ["RateLimits:BookingWritesPerHourPerAddress"] = "5",
    }).Build(), http);

    private static HttpContextAccessor From(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return new HttpContextAccessor { HttpContext = context };
    }

    [Fact]
    public void OnePatientIsStoppedAfterTheirOwnLimit()
    {
        using var limit = Limit(From("192.0.2.1"));
        var patient = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            limit.Take(patient);
        }

        Assert.Throws<RuleViolationException>(() => limit.Take(patient));
    }

    [Fact]
    public void ManyPatientsFromOneAddressShareTheAddressesLimit()
    {
        using var limit = Limit(From("192.0.2.2"));
        for (var i = 0; i < 5; i++)
        {
            limit.Take(Guid.NewGuid());
        }

        var refusal = Assert.Throws<RuleViolationException>(() => limit.Take(Guid.NewGuid()));
        Assert.Equal(BookingRules.TooManyWrites, refusal.Rule);
    }
}
