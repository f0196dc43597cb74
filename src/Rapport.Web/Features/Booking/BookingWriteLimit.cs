using System.Threading.RateLimiting;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// How many bookings, cancellations and moves one patient may make per hour (<c>RateLimits:BookingWritesPerHour</c>,
/// default 20), checked inside the booking operations so the pages and the JSON API share one count. A burst of
/// bookings can otherwise fill a therapist's calendar and queue hundreds of e-mails in seconds.
/// The count is per app instance; with N instances behind a balancer a patient could make up to N times as many.
/// </summary>
public sealed class BookingWriteLimit : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter;

    public BookingWriteLimit(IConfiguration config)
    {
        var perHour = config.GetValue("RateLimits:BookingWritesPerHour", 20);
        limiter = PartitionedRateLimiter.Create<Guid, Guid>(patientId => RateLimitPartition.GetFixedWindowLimiter(patientId,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Counts one write for the patient, or refuses (answered 429 by the API, a message on pages).</summary>
    public void Take(Guid patientId)
    {
        using var lease = limiter.AttemptAcquire(patientId);
        if (!lease.IsAcquired)
        {
            throw new RuleViolationException(BookingRules.TooManyWrites,
                "You have made many booking changes in the last hour. Please wait a while and try again, or write to the clinic.");
        }
    }

    public void Dispose() => limiter.Dispose();
}
