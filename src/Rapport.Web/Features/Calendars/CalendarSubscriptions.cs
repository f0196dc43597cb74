using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Calendars;

/// <summary>
/// Private calendar addresses (<see cref="CalendarFeed"/>): one live address per person, shown once when it
/// is made, answered with that person's appointments as patient or therapist. Making and stopping an address are
/// audited here, in the change's own save.
/// </summary>
public sealed class CalendarSubscriptions(AppDbContext db, SessionHistory sessions, PeopleNames people, AppointmentMail mail, TimeProvider clock, IConfiguration config, Auditor audit)
{
    /// <summary>How far back and ahead a feed reaches: enough for a course of 12–16 weekly sessions.</summary>
    public static readonly TimeSpan Past = TimeSpan.FromDays(30);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(180);

    private string BaseUrl => config.PublicBaseUrl();

    public string AddressFor(string token) => $"{BaseUrl}/calendar/{token}.ics";

    public async Task<CalendarFeed?> LiveFeedAsync(Guid userId, CancellationToken ct) =>
        await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == userId && f.RevokedAt == null)
            .OrderByDescending(f => f.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>Makes a new address and stops any earlier one, in one change. The token is returned once and never stored.</summary>
    public async Task<(CalendarFeed Feed, string Address, int Stopped)> CreateAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stopped = await StopLiveAsync(userId, now, ct);
        var (feed, token) = CalendarFeed.Create(userId, now);
        db.CalendarFeeds.Add(feed);
        audit.Stage(AuditAction.CalendarFeedCreated, userId: userId, subject: feed.Id.ToString(), detail: stopped > 0 ? $"replaced {stopped}" : null);
        await db.SaveChangesAsync(ct);
        return (feed, AddressFor(token), stopped);
    }

    /// <summary>Stops every live address of the person; the number stopped (0 when there was none).</summary>
    public async Task<int> RevokeAsync(Guid userId, CancellationToken ct)
    {
        var stopped = await StopLiveAsync(userId, clock.GetUtcNow(), ct);
        if (stopped > 0)
        {
            audit.Stage(AuditAction.CalendarFeedRevoked, userId: userId, detail: $"stopped {stopped}");
        }
        await db.SaveChangesAsync(ct);
        return stopped;
    }

    /// <summary>
    /// Erases every address the person ever had, live or stopped, in the caller's transaction (an erased account keeps
    /// no calendar; DataRights readme); the number of rows removed. The caller records the erasure.
    /// </summary>
    public Task<int> ForgetPersonAsync(Guid userId, CancellationToken ct) =>
        db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>The calendar behind a token, or null when the token is malformed, unknown or revoked.</summary>
    public async Task<(CalendarFeed Feed, string Ics)?> ReadAsync(string token, CancellationToken ct)
    {
        if (!LooksLikeToken(token))
        {
            return null;
        }
        var hash = CalendarFeed.Hash(token);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, ct);
        if (feed is null)
        {
            return null;
        }
        var me = feed.UserId;
        var now = clock.GetUtcNow();
        var (from, to) = (now - Past, now + Ahead);
        var appointments = await sessions.OfPersonAsync(me, from, to, 1000, ct);
        var otherIds = appointments.Select(a => a.PatientId == me ? a.TherapistId : a.PatientId).Distinct().ToArray();
        var names = await people.OfAsync(otherIds, ct);
        var events = appointments.Select(a =>
            new IcsEvent(a, names.GetValueOrDefault(a.PatientId == me ? a.TherapistId : a.PatientId, "your therapist"), mail.LinkFor(a)));
        return (feed, IcsWriter.Write(events, now));
    }

    private async Task<int> StopLiveAsync(Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var live = await db.CalendarFeeds.Where(f => f.UserId == userId && f.RevokedAt == null).ToListAsync(ct);
        foreach (var feed in live)
        {
            feed.Revoke(now);
        }
        return live.Count;
    }

    /// <summary>CalendarFeed tokens are 43 base64url characters; anything else is not worth a database look-up.</summary>
    private static bool LooksLikeToken(string token) =>
        token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
