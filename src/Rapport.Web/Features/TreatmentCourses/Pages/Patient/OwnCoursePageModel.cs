using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>
/// The base of the patient's pages about their own course (/my-plan/…): the signed-in patient's latest course and
/// nothing else (no id in the address to guess), its record loaded once, times on the patient's own clock.
/// </summary>
public abstract class OwnCoursePageModel(TreatmentCourseService courses, TimeProvider clock) : PageModel
{
    protected TreatmentCourseService Courses { get; } = courses;
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Null when no therapist has started a course with this patient.</summary>
    public CourseFile? Record { get; private set; }
    public TreatmentCourse? Course => Record?.Course;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public string? Done { get; private set; }

    protected async Task LoadAsync(CancellationToken ct)
    {
        Done = Request.Query["done"].FirstOrDefault() is { Length: > 0 and <= 200 } done ? done : null;
        Record = null;
        if (await Courses.LatestForPatientAsync(User.UserId(), ct) is { } course)
        {
            Record = await Courses.FileAsync(course, ct);
            Zone = ProfileChoices.ZoneOrUtc(Record.Patient.TimeZoneId);
        }
    }

    /// <summary>Runs a change; a rule refusal becomes a message on the page (400) and nothing is saved.</summary>
    protected async Task<IActionResult> AttemptAsync(Func<Task<IActionResult>> change, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            return await change();
        }
        catch (RuleViolationException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This changed a moment ago. Here is the latest; check it and try again.");
        }
        await reload();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string Local(DateTimeOffset utc, string format = "ddd d MMM yyyy, HH:mm") =>
        TimeZoneInfo.ConvertTime(utc, Zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
