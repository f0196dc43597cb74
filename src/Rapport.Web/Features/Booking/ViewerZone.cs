using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// The time zone a page shows times in, and the words it uses for them. Times are stored as UTC instants;
/// a signed-in person always sees their own zone, an anonymous visitor the zone they chose (UTC until then).
/// </summary>
public sealed record ViewerZone(TimeZoneInfo Zone, bool IsOwn)
{
    private static readonly CultureInfo Words = CultureInfo.InvariantCulture;

    public static ViewerZone Utc { get; } = new(TimeZoneInfo.Utc, false);

    public string Id => Zone.Id;

    /// <summary>The zone an anonymous visitor chose, to carry in links ("?tz="); null for the signed-in person's own zone or UTC.</summary>
    public string? Chosen => IsOwn || Zone.Id == TimeZoneInfo.Utc.Id ? null : Zone.Id;

    /// <summary>"Central European Time (Berlin)": what a person recognises, not the IANA id.</summary>
    public string Label => ProfileChoices.TimeZoneLabel(Zone.Id);

    public static async Task<ViewerZone> ResolveAsync(ClaimsPrincipal user, string? requested, UserManager<RapportUser> users)
    {
        if (user.Identity?.IsAuthenticated == true && await users.GetUserAsync(user) is { } me && ProfileChoices.IsTimeZone(me.TimeZoneId))
        {
            return new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById(me.TimeZoneId), IsOwn: true);
        }
        return ProfileChoices.IsTimeZone(requested) && requested != "UTC"
            ? new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById(requested!), IsOwn: false)
            : Utc;
    }

    public DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public DateOnly DateOf(DateTimeOffset utc) => DateOnly.FromDateTime(Local(utc).DateTime);

    /// <summary>The instant the given local date begins (the first existing minute if the clocks skip midnight).</summary>
    public DateTimeOffset StartOf(DateOnly date) =>
        SlotCalculator.ToUtc(date.ToDateTime(TimeOnly.MinValue), Zone)
        ?? SlotCalculator.ToUtc(date.ToDateTime(new TimeOnly(1, 0)), Zone)
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
        Local(utc).ToString(withYear || Local(utc).Year != Local(DateTimeOffset.UtcNow).Year ? "dddd d MMMM yyyy" : "dddd d MMMM", Words);

    /// <summary>"14:00"</summary>
    public string Time(DateTimeOffset utc) => Local(utc).ToString("HH:mm", Words);

    /// <summary>"Tuesday 1 December at 14:00"</summary>
    public string DayAndTime(DateTimeOffset utc, bool withYear = false) => $"{Day(utc, withYear)} at {Time(utc)}";
}
