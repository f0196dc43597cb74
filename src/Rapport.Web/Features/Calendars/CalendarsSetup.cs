using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Calendars;

public static class CalendarsSetup
{
    public static void AddCalendars(this WebApplicationBuilder builder) => builder.Services.AddScoped<CalendarSubscriptions>();

    /// <summary>
    /// <c>GET /calendar/{token}.ics</c>: the subscription a calendar app polls. Anonymous, because calendar
    /// apps cannot sign in; the unguessable token is the credential. It is part of the path, so this endpoint
    /// carries no declared audit (which records the path) and nothing here logs the request.
    /// </summary>
    public static void MapCalendars(this WebApplication app) =>
        // The caller is a calendar app, not a signed-in person, so a declared row could not say whose feed was read:
        // the handler records calendar.feed-read naming the feed's owner instead.
        app.MapGet("/calendar/{token}.ics", ReadFeed).AllowAnonymous()
            .WithoutAudit("read by its secret address, not by a signed-in person; the handler records calendar.feed-read naming the feed's owner")
            .ExcludeFromDescription();

    private static async Task<IResult> ReadFeed(string token, CalendarSubscriptions subscriptions, Auditor audit, CancellationToken ct)
    {
        if (await subscriptions.ReadAsync(token, ct) is not ({ } feed, { } ics))
        {
            return TypedResults.NotFound();
        }
        await audit.RecordAsync(AuditAction.CalendarFeedRead, userId: feed.UserId, subject: feed.Id.ToString(), ct: ct);
        return TypedResults.Text(ics, IcsWriter.MediaType);
    }
}
