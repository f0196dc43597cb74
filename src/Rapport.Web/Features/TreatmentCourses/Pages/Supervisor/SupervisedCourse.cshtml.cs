using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Supervisor;

/// <summary>
/// One course as the supervisor of its therapist reads it (assigned by the admin; anyone else gets 404): the whole record, read-only, and the short IPT fidelity
/// checklist with the answers the record suggests. Each completed checklist is kept; the latest shows on the list.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SupervisionRead)]
public sealed class SupervisedCourseModel(AppDbContext db, TreatmentCourseService courses, Auditor audit, TimeProvider clock) : PageModel
{
    public sealed class ChecklistInput
    {
        public bool InventoryDone { get; set; }
        public bool FormulationDone { get; set; }
        public bool ContractDone { get; set; }
        public bool FocusKept { get; set; }
        public bool MoodLinkedToEventsEachSession { get; set; }
        public bool TerminationDiscussed { get; set; }
        public string? Comment { get; set; }

        public FidelityReview.Answers ToAnswers() =>
            new(InventoryDone, FormulationDone, ContractDone, FocusKept, MoodLinkedToEventsEachSession, TerminationDiscussed, Comment);
    }

    public CourseFile Record { get; private set; } = null!;
    public IReadOnlyList<FidelityChecklist.Question> Questions { get; private set; } = [];
    public IReadOnlyList<(FidelityReview Review, string Reviewer)> Reviews { get; private set; } = [];
    public bool Saved { get; private set; }
    /// <summary>The sessions used and booked so far, which the contract's last-session date is reckoned from (readme, rule 20a).</summary>
    public CourseSessionDates SessionDates { get; private set; } = CourseSessionDates.None;

    [BindProperty]
    public ChecklistInput Checklist { get; set; } = new();

    public bool Answer(string field) => field switch
    {
        nameof(FidelityReview.InventoryDone) => Checklist.InventoryDone,
        nameof(FidelityReview.FormulationDone) => Checklist.FormulationDone,
        nameof(FidelityReview.ContractDone) => Checklist.ContractDone,
        nameof(FidelityReview.FocusKept) => Checklist.FocusKept,
        nameof(FidelityReview.MoodLinkedToEventsEachSession) => Checklist.MoodLinkedToEventsEachSession,
        _ => Checklist.TerminationDiscussed,
    };

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct))
        {
            return NotFound();
        }
        var suggested = FidelityChecklist.Suggest(Record);
        Checklist = new ChecklistInput
        {
            InventoryDone = suggested.InventoryDone,
            FormulationDone = suggested.FormulationDone,
            ContractDone = suggested.ContractDone,
            FocusKept = suggested.FocusKept,
            MoodLinkedToEventsEachSession = suggested.MoodLinkedToEventsEachSession,
            TerminationDiscussed = suggested.TerminationDiscussed,
        };
        Saved = TempData.TakeNotice() == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct))
        {
            return NotFound();
        }
        try
        {
            var review = FidelityReview.Record(Record.Course, User.UserId(), Checklist.ToAnswers(), clock.GetUtcNow());
            db.FidelityReviews.Add(review);
            audit.Stage(AuditAction.FidelityReviewed, subject: courseId.ToString(), patientId: Record.Course.PatientId,
                detail: $"{review.Score} of {FidelityReview.Items}");
            await db.SaveChangesAsync(ct);
        }
        catch (RuleViolationException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return this.RedirectWithNotice($"/therapist/supervision/courses/{courseId}", "saved");
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
        Record = await courses.FileAsync(course, ct);
        SessionDates = await courses.SessionDatesAsync(course, ct);
        Questions = FidelityChecklist.Questions(Record);
        var reviews = await db.FidelityReviews.Where(f => f.CourseId == courseId).OrderByDescending(f => f.At).ToListAsync(ct);
        var reviewerIds = reviews.Select(r => r.ReviewerId).Distinct().ToList();
        var names = await db.Users.Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Reviews = [.. reviews.Select(r => (r, names.GetValueOrDefault(r.ReviewerId, "Unknown")))];
        return true;
    }
}
