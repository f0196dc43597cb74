using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// When a patient may expect a reply (readme, rule 7): the clinician's working hours are their weekly availability
/// windows and one-off extra hours in their own time zone, less their time off. Out of those hours the page names the
/// next time they start work; the promise of a reply within one working day holds from then.
/// </summary>
public static class ReplyHours
{
    /// <summary>How far ahead the next working time is looked for; beyond it the page keeps the general promise.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(21);

    /// <summary>Null while the clinician is working (or has no hours set), else when they next start.</summary>
    public static DateTimeOffset? NextWorkingStart(TherapistCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.Windows.Count == 0)
        {
            return null;
        }
        var spans = WorkingSpans(calendar, now).OrderBy(s => s.Start).ToList();
        if (spans.Any(s => s.Start <= now && now < s.End))
        {
            return null;
        }
        return spans.Where(s => s.Start > now).Select(s => (DateTimeOffset?)s.Start).FirstOrDefault();
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WorkingSpans(TherapistCalendar calendar, DateTimeOffset now)
    {
        var off = calendar.Exceptions.Where(e => e.Kind == ExceptionKind.TimeOff).ToList();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.Zone).DateTime);
        for (var day = today.AddDays(-1); day <= today.AddDays(Horizon.Days); day = day.AddDays(1))
        {
            foreach (var window in calendar.Windows.Where(w => w.Day == day.DayOfWeek))
            {
                if (WallClock.ToUtc(day.ToDateTime(window.Start), calendar.Zone) is { } start
                    && WallClock.ToUtc(day.ToDateTime(window.End), calendar.Zone) is { } end)
                {
                    // Time off inside the window pushes its start to the end of the time off.
                    var blocking = off.Where(o => o.StartUtc <= start && o.EndUtc > start).Select(o => o.EndUtc).DefaultIfEmpty(start).Max();
                    if (blocking < end)
                    {
                        yield return (blocking, end);
                    }
                }
            }
        }
        foreach (var extra in calendar.Exceptions.Where(e => e.Kind == ExceptionKind.ExtraHours))
        {
            yield return (extra.StartUtc, extra.EndUtc);
        }
    }
}
