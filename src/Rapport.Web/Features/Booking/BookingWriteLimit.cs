using System.Threading.RateLimiting;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// How many bookings, cancellations and moves one patient may make per hour (<c>RateLimits:BookingWritesPerHour</c>,
/// default 20), and all patients from one client address together (<c>RateLimits:BookingWritesPerHourPerAddress</c>,
/// default five times as many), checked inside the booking operations so the pages and the JSON API share one count.
/// A burst of bookings can otherwise fill a therapist's calendar and queue hundreds of e-mails in seconds, and the count
/// per address stops one person doing it through many patient accounts. Clinicians' bookings are not counted.
/// The counts are per app instance; with N instances behind a balancer a patient could make up to N times as many.
/// </summary>
public sealed class BookingWriteLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly IHttpContextAccessor http;

    public BookingWriteLimit(IConfiguration config, IHttpContextAccessor http)
    {
        this.http = http;
        var perHour = config.GetValue("RateLimits:BookingWritesPerHour", 20);
        var perAddress = config.GetValue("RateLimits:BookingWritesPerHourPerAddress", (int)Math.Min(int.MaxValue, perHour * 5L));
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.StartsWith("address:", StringComparison.Ordinal) ? perAddress : perHour,
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Counts one write for the patient and their address, or refuses (answered 429 by the API, a message on pages).</summary>
    public void Take(Guid patientId)
    {
        using var patient = limiter.AttemptAcquire("patient:" + patientId);
        if (!patient.IsAcquired)
        {
            throw TooMany();
        }
        if (http.HttpContext is { } context)
        {
            using var address = limiter.AttemptAcquire("address:" + ClientAddress.Key(context.Connection.RemoteIpAddress));
            if (!address.IsAcquired)
            {
                throw TooMany();
            }
        }
    }

    private static RuleViolationException TooMany() => new(BookingRules.TooManyWrites,
        "You have made many booking changes in the last hour. Please wait a while and try again, or write to the clinic.");

    public void Dispose() => limiter.Dispose();
}
