using System.Globalization;
using System.Security.Claims;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// The time zone a page shows times in, and the words it uses for them. Times are stored as UTC instants;
/// a signed-in person always sees their own zone, an anonymous visitor the zone they chose, else their device's
/// (<see cref="DeviceCookie"/>), else UTC.
/// </summary>
public sealed record ViewerZone(TimeZoneInfo Zone, bool IsOwn, bool FromDevice = false, bool IsChosen = false)
{
    private static readonly CultureInfo Words = CultureInfo.InvariantCulture;

    /// <summary>
    /// A preference cookie holding only the device's IANA zone id, written by <c>wwwroot/js/timezone.js</c>; no session,
    /// no tracking. Without JavaScript it is never set and times stay in UTC, said as such.
    /// </summary>
    public const string DeviceCookie = "rapport-zone";

    public static ViewerZone Utc { get; } = new(TimeZoneInfo.Utc, false);

    /// <summary>The clock "this year" is read from (<see cref="Day(DateTimeOffset, bool)"/>): the app's, so tests can move time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string Id => Zone.Id;

    public bool IsUtc => Zone.Id == TimeZoneInfo.Utc.Id;

    /// <summary>The zone an anonymous visitor chose (UTC included), to carry in links ("?tz="): it wins over the device's.</summary>
    public string? Chosen => IsChosen ? Zone.Id : null;

    /// <summary>UTC only because nothing else is known: the device's zone, once a script reports it, will do better.</summary>
    public bool IsFallback => !IsOwn && !FromDevice && !IsChosen;

    /// <summary>"Central European Time (Berlin)": what a person recognises, not the IANA id.</summary>
    public string Label => ProfileChoices.TimeZoneLabel(Zone.Id);

    /// <summary>The sentence that names the zone the times are in, and where it comes from, so no time is read in the wrong zone.</summary>
    public string Sentence =>
        IsOwn ? $"Times are shown in your time zone, {Named}."
        : FromDevice ? $"Times are shown in {Named}, this device's time zone."
        : $"Times are shown in {Named}.";

    /// <summary>"Central European Time (Berlin)", or plainly "UTC".</summary>
    public string Named => IsUtc ? "UTC" : Label;

    /// <param name="requested">A visitor's own choice (<c>?tz=</c>).</param>
    /// <param name="device">The device's zone (<see cref="DeviceCookie"/>); any unknown id is ignored.</param>
    public static async Task<ViewerZone> ResolveAsync(ClaimsPrincipal user, string? requested, PeopleNames people, TimeProvider clock,
        string? device = null, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated == true && await people.FindAsync(user.UserId(), ct) is { } me && ProfileChoices.IsTimeZone(me.TimeZoneId))
        {
            return new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById(me.TimeZoneId), IsOwn: true) { Clock = clock };
        }
        if (ProfileChoices.IsTimeZone(requested))
        {
            return new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById(requested!), IsOwn: false, IsChosen: true) { Clock = clock };
        }
        return ProfileChoices.IsTimeZone(device) && device != "UTC"
            ? new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById(device!), IsOwn: false, FromDevice: true) { Clock = clock }
            : Utc with { Clock = clock };
    }

    public DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public DateOnly DateOf(DateTimeOffset utc) => DateOnly.FromDateTime(Local(utc).DateTime);

    /// <summary>The instant the given local date begins (the first existing minute if the clocks skip midnight).</summary>
    public DateTimeOffset StartOf(DateOnly date) =>
        WallClock.ToUtc(date.ToDateTime(TimeOnly.MinValue), Zone)
        ?? WallClock.ToUtc(date.ToDateTime(new TimeOnly(1, 0)), Zone)
        ?? throw new InvalidOperationException($"{date} has no first hour in {Zone.Id}.");

    /// <summary>An instant as a form value ("2026-12-01T13:00:00Z"): UTC, so it means the same in every zone.</summary>
    public static string FormValue(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Words);

    /// <summary>"Tuesday 1 December"</summary>
    public static string Day(DateOnly date) => date.ToString("dddd d MMMM", Words);

    /// <summary>
    /// "Tuesday 1 December", with the year when asked and whenever the day is not in this year: "Monday 4 January" in
    /// December would read as a month ago.
    /// </summary>
    public string Day(DateTimeOffset utc, bool withYear = false) =>
        Local(utc).ToString(withYear || Local(utc).Year != Local(Clock.GetUtcNow()).Year ? "dddd d MMMM yyyy" : "dddd d MMMM", Words);

    /// <summary>"14:00"</summary>
    public string Time(DateTimeOffset utc) => Local(utc).ToString("HH:mm", Words);

    /// <summary>"Tuesday 1 December at 14:00"</summary>
    public string DayAndTime(DateTimeOffset utc, bool withYear = false) => $"{Day(utc, withYear)} at {Time(utc)}";
}
