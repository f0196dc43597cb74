using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.TreatmentCourses.Pages;

/// <summary>
/// What every course page shares, the therapist's and the patient's: the course record loaded once, times on the
/// reader's clock, the confirmation left by the last change (<see cref="Notices"/>), and rule refusals turned into form errors with nothing saved.
/// </summary>
public abstract class CoursePageBase(TreatmentCourseService courses, TimeProvider clock) : PageModel
{
    protected TreatmentCourseService Courses { get; } = courses;
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Null until a course exists for this page's patient.</summary>
    public CourseFile? Record { get; protected set; }
    public TreatmentCourse? Course => Record?.Course;
    public TimeZoneInfo Zone { get; protected set; } = TimeZoneInfo.Utc;
    /// <summary>A confirmation shown after a successful action, once.</summary>
    public string? Done { get; private set; }

    protected void ReadDone() => Done = TempData.TakeNotice();

    /// <summary>Runs a change (<see cref="FormAttempts"/>); a refusal shows beside <see cref="FieldOf"/> with status 400.</summary>
    protected Task<IActionResult> AttemptAsync(Func<Task<IActionResult>> change, Func<Task> reload) =>
        this.AttemptAsync(change, reload, e => ModelState.AddModelError(FieldOf(e), e.Message));

    /// <summary>The form field a refusal belongs beside ("" for the form as a whole).</summary>
    protected virtual string FieldOf(RuleViolationException refusal) => "";

    public string Local(DateTimeOffset utc, string format = "ddd d MMM yyyy, HH:mm") => TimeZoneInfo.ConvertTime(utc, Zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The base of every therapist page about one patient's course (/therapist/patients/{patientId}/course/…): loads
/// the patient's latest course for a clinician who reads the record (responsible, covering, supervising; anyone else
/// gets 404), lets only the responsible clinician change their own course (a POST from anyone else is a 404 too),
/// and loads the whole file once (tracked only for a change: a GET reads).
/// </summary>
public abstract class TherapistCoursePageModel(TreatmentCourseService courses, TimeProvider clock) : CoursePageBase(courses, clock)
{
    public Guid PatientId { get; private set; }

    /// <summary>The responsible clinician on their own course; covering clinicians and supervisors read only.</summary>
    public bool MayChange { get; private set; }

    /// <summary>
    /// Loads the course; false when the patient is not in this therapist's care (answer 404). <paramref name="careAction"/>
    /// marks a change that whoever acts for the patient may make (answering a relapse alert routed to the covering
    /// clinician), not only the course's own therapist.
    /// </summary>
    protected async Task<bool> LoadAsync(Guid patientId, CancellationToken ct, bool careAction = false)
    {
        PatientId = patientId;
        ReadDone();
        TreatmentCourse? course;
        try
        {
            var access = await Courses.ForClinicianAsync(User.UserId(), patientId, ct);
            MayChange = access.MayChange(User.UserId());
            if (!HttpMethods.IsGet(Request.Method) && !MayChange && !(careAction && access.Standing.ActsInCare))
            {
                return false;
            }
            course = access.Course;
        }
        catch (NotFoundException)
        {
            return false;
        }
        if (course is not null)
        {
            Record = await Courses.FileAsync(course, ct, tracked: !HttpMethods.IsGet(Request.Method));
            Zone = ProfileChoices.ZoneOrUtc(Record.Therapist.TimeZoneId);
        }
        return true;
    }

    public string CourseUrl(string? part = null) => $"/therapist/patients/{PatientId}/course{(part is null ? "" : "/" + part)}";
}

/// <summary>Plain words for the phases, shared by the therapist's and the patient's pages.</summary>
public static class CourseWords
{
    public static string Phase(CoursePhase phase) => phase switch
    {
        CoursePhase.Assessment => "Assessment",
        CoursePhase.Initial => "Getting started (initial phase)",
        CoursePhase.Middle => "Working on the focus (middle phase)",
        CoursePhase.Termination => "Ending well (termination phase)",
        CoursePhase.Maintenance => "Staying well (maintenance)",
        CoursePhase.Closed => "Completed",
        CoursePhase.EndedEarly => "Ended early",
        CoursePhase.Transferred => "Transferred",
        _ => phase.ToString(),
    };

    /// <summary>"Session 5 of 16 · 12 weeks left", or what is known so far.</summary>
    public static string Progress(TreatmentCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return Progress(course.Counts);
    }

    /// <inheritdoc cref="Progress(TreatmentCourse)"/>
    public static string Progress(CourseCount course)
    {
        if (course.Phase == CoursePhase.Assessment)
        {
            return "Assessment: sessions are counted from the first session of the course";
        }
        if (course.Phase == CoursePhase.Maintenance)
        {
            return course.MaintenanceSessionsHeld == 1 ? "1 maintenance session held" : $"{course.MaintenanceSessionsHeld} maintenance sessions held";
        }
        if (course.IsEnded)
        {
            return $"{course.SessionsHeld} sessions held";
        }
        var k = course.SessionNumber;
        return course.ContractedSessions is { } n
            ? $"Session {k} of {n} · {(course.WeeksLeft == 1 ? "1 week" : $"{course.WeeksLeft} weeks")} left"
            : $"Session {k} · no contract yet";
    }
}
