using Rapport.Web.Features.Audit;

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
        app.MapGet("/calendar/{token}.ics", ReadFeed).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> ReadFeed(string token, CalendarSubscriptions subscriptions, Auditor audit, CancellationToken ct)
    {
        if (await subscriptions.ReadAsync(token, ct) is not ({ } feed, { } ics))
        {
            return TypedResults.NotFound();
        }
        await audit.RecordAsync(AuditAction.CalendarFeedRead, userId: feed.UserId, subject: feed.Id.ToString(), ct: ct);
        return TypedResults.Text(ics, "text/calendar; charset=utf-8");
    }
}
