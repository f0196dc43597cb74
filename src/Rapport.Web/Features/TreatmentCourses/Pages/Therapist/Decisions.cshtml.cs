using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>The course's decision analyses (docs/clinical/ipt-course.md#middle-phase-session-flow, step 6): open ones first, each with its current try, and a new one opened from a session.</summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class DecisionsModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, DecisionAnalyses decisions) : TherapistCoursePageModel(courses, clock)
{
    [BindProperty] public string? Problem { get; set; }
    /// <summary>The session note it was brainstormed in, if any.</summary>
    [BindProperty] public Guid? SessionNoteId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct) =>
        await LoadAsync(patientId, ct) && Record is not null ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct) || Record is null)
        {
            return NotFound();
        }
        if (SessionNoteId is { } noteId && Record.Notes.All(n => n.Id != noteId))
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            var decision = await decisions.OpenAsync(User.UserId(), patientId, Problem, SessionNoteId, ct);
            return this.RedirectWithNotice(CourseUrl($"decisions/{decision.Id}"), "Decision analysis opened. Add the options you brainstormed.");
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(patientId, ct);
        });
    }

    public string SessionOf(DecisionAnalysis decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var note = Record!.Notes.FirstOrDefault(n => n.Id == decision.SessionNoteId);
        return note is null ? "" : note.SessionNumber is { } k ? $"from session {k}" : "from a maintenance session";
    }
}
