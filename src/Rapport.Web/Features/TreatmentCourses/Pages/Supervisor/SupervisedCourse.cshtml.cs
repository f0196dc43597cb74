using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Supervisor;

/// <summary>
/// One course as the supervisor of its therapist reads it (assigned by the admin; anyone else gets 404): the whole record,
/// read-only, and the fidelity rating (readme, rule 33): each task of the phases reached rated 0–2, suggested from the
/// record, saved through <see cref="FidelityRating"/>. Every rating is kept; the latest shows on the list.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SupervisionRead)]
public sealed class SupervisedCourseModel(TreatmentCourseService courses, FidelityRating fidelity) : PageModel
{
    public CourseFile Record { get; private set; } = null!;
    public IReadOnlyList<FidelityChecklist.Question> Questions { get; private set; } = [];
    public IReadOnlyList<FidelityRating.Rated> Reviews { get; private set; } = [];
    public bool Saved { get; private set; }
    /// <summary>The sessions used and booked so far, which the contract's last-session date is reckoned from (readme, rule 20a).</summary>
    public CourseSessionDates SessionDates { get; private set; } = CourseSessionDates.None;

    /// <summary>The rating of each task by its name ("FocusKept"): a number, or empty for "not yet rated".</summary>
    [BindProperty]
    public Dictionary<string, int?> Ratings { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public int? Rating(FidelityItem item) => Ratings.GetValueOrDefault(item.ToString());

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct))
        {
            return NotFound();
        }
        Ratings = FidelityChecklist.Suggest(Record).ToDictionary(r => r.Key.ToString(), r => r.Value);
        Saved = TempData.TakeNotice() == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct))
        {
            return NotFound();
        }
        return await this.AttemptAsync(async () =>
        {
            var ratings = FidelityItems.All.ToDictionary(i => i.Id, i => Rating(i.Id));
            await fidelity.RateAsync(courseId, User.UserId(), ratings, Comment, ct);
            return this.RedirectWithNotice($"/therapist/supervision/courses/{courseId}", "saved");
        }, () => Task.CompletedTask);
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken ct)
    {
        TreatmentCourse course;
        try
        {
            course = await courses.ForSupervisorAsync(courseId, User.UserId(), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        HttpContext.NameAuditedPatient(course.PatientId);
        Record = await courses.FileAsync(course, ct, tracked: false);
        SessionDates = await courses.SessionDatesAsync(course, ct);
        Questions = FidelityChecklist.Questions(Record);
        Reviews = await fidelity.OfCourseAsync(courseId, ct);
        return true;
    }
}
