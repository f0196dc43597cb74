using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// What booking the course's series from a given first time would meet, without booking anything: the same check
/// <see cref="BookingService.BookSeriesAsync"/> makes (every occurrence against one calendar load), so the contract page
/// can show each clash and its alternatives before the therapist books from another time.
/// </summary>
public sealed class SeriesPreview(BookingService booking, TreatmentCourseService courses, TimeProvider clock)
{
    public sealed record Result(int Count, IReadOnlyList<SeriesConflict> Conflicts);

    public async Task<Result> CheckAsync(TreatmentCourse course, DateTimeOffset firstStartUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(course);
        var count = Math.Min(await courses.SessionsToBookAsync(course, ct), BookingService.MaxSeriesCount);
        if (count == 0)
        {
            return new(0, []);
        }
        var everyWeeks = Math.Max(1, (course.SessionIntervalDays ?? 7) / 7);
        var (from, to) = SeriesPlan.Range(firstStartUtc, count, everyWeeks);
        var calendar = await booking.LoadCalendarAsync(course.TherapistId, from, to, ct);
        return calendar is null
            ? new(count, [])
            : new(count, SeriesPlan.Check(calendar, firstStartUtc, count, clock.GetUtcNow(), everyWeeks).Conflicts);
    }
}
