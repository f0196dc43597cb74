using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// A pair's past sessions as every page numbers them (readme, "Session numbers"): the course's sessions by their number in
/// the course ("S3" is session 3 of the contract), maintenance sessions apart ("M1"), and a first conversation or
/// assessment held before the course counts as none of them ("A").
/// </summary>
public sealed record PairSessions(IReadOnlyList<SessionMark> Marks, int BeforeCourse, int CourseHeld, int MaintenanceHeld, bool HasCourse)
{
    public static readonly PairSessions None = new([], 0, 0, 0, false);

    /// <summary>"7 course sessions held, and 1 before the course (A)": what the therapist's patient page says.</summary>
    public string Held()
    {
        static string Sessions(int n, string kind) => string.Create(CultureInfo.InvariantCulture, $"{n} {kind}session{(n == 1 ? "" : "s")}");
        if (!HasCourse)
        {
            return $"{Sessions(BeforeCourse, "")} held, before any course (A)";
        }
        var held = Sessions(CourseHeld, "course ") + (MaintenanceHeld > 0 ? $" and {Sessions(MaintenanceHeld, "maintenance ")}" : "") + " held";
        return BeforeCourse > 0 ? string.Create(CultureInfo.InvariantCulture, $"{held}, and {BeforeCourse} before the course (A)") : held;
    }
}

/// <summary>Numbers a pair's past sessions one way for the patient page, the course page, the charts and "My plan".</summary>
public sealed class SessionNumbering(AppDbContext db)
{
    public const string BeforeCourse = "A";

    /// <summary>The label of a session recorded in a course: its number, or M and its place among the held maintenance sessions.</summary>
    public static string? Label(TreatmentCourse course, CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(course);
        return Label(course.Counts, session);
    }

    private static string? Label(CourseCount course, CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Number is { } k)
        {
            return string.Create(CultureInfo.InvariantCulture, $"S{k}");
        }
        if (session.Phase == CoursePhase.Maintenance && session.Outcome == SessionOutcome.Held)
        {
            var place = InOrder(course.Sessions).Where(s => s.Phase == CoursePhase.Maintenance && s.Outcome == SessionOutcome.Held)
                .ToList().IndexOf(session) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"M{place}");
        }
        // A miss the contract does not count used no session: it has no number.
        return null;
    }

    // Loaded rows come in no particular order; a time cancelled late and booked again has two sessions at one start.
    private static IEnumerable<CourseSession> InOrder(IEnumerable<CourseSession> sessions) => sessions.OrderBy(s => s.At).ThenBy(s => s.Number);

    /// <summary>
    /// The pair's sessions that began by <paramref name="now"/>: those a course recorded, by their label, and the attended
    /// appointments no course recorded (the first conversation, the assessment) as "A". Misses no course counts are left out.
    /// </summary>
    public static PairSessions Of(IEnumerable<Appointment> appointments, IReadOnlyList<TreatmentCourse> courses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(courses);
        return Of(appointments.Select(a => new SessionDate(a.Id, a.Status, a.StartUtc)), [.. courses.Select(c => c.Counts)], now);
    }

    /// <inheritdoc cref="Of(IEnumerable{Appointment}, IReadOnlyList{TreatmentCourse}, DateTimeOffset)"/>
    public static PairSessions Of(IEnumerable<SessionDate> appointments, IReadOnlyList<CourseCount> courses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(courses);
        var recorded = courses.SelectMany(c => InOrder(c.Sessions).Select(s => (Course: c, Session: s))).ToList();
        var recordedIds = recorded.Select(r => r.Session.AppointmentId).ToHashSet();
        var before = appointments.Where(a => a.Status == AppointmentStatus.Attended && a.StartUtc <= now && !recordedIds.Contains(a.Id))
            .Select(a => new SessionMark(a.StartUtc, BeforeCourse)).ToList();
        var numbered = recorded.Where(r => r.Session.At <= now)
            .Select(r => Label(r.Course, r.Session) is { } label ? new SessionMark(r.Session.At, label) : null).OfType<SessionMark>();
        return new PairSessions([.. before.Concat(numbered).OrderBy(m => m.At)], before.Count,
            courses.Sum(c => c.SessionsHeld), courses.Sum(c => c.MaintenanceSessionsHeld), courses.Count > 0);
    }

    /// <summary><see cref="Of"/> for a patient and a clinician, read from their appointments and courses.</summary>
    public async Task<PairSessions> ForPairAsync(Guid patientId, Guid therapistId, IEnumerable<Appointment> appointments, DateTimeOffset now, CancellationToken ct)
    {
        var courses = await db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId && c.TherapistId == therapistId).ToListAsync(ct);
        return Of(appointments, courses, now);
    }
}
