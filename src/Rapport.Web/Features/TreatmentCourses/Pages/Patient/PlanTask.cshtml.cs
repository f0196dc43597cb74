using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>
/// The patient's side of the feedback loop (TreatmentCourses readme, rule 25): the plan they chose with their therapist, in the therapist's
/// words, and "did you try it? what happened? how did it feel?", once per try. Someone else's plan is 404.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.CourseRead, PatientIsCaller = true)]
public sealed class PlanTaskModel(AppDbContext db, DecisionAnalyses decisions) : PageModel
{
    [BindProperty] public bool? Tried { get; set; }
    [BindProperty] public string? WhatHappened { get; set; }
    [BindProperty] public string? HowItFelt { get; set; }

    public DecisionAnalysis Decision { get; private set; } = null!;
    public bool CourseEnded { get; private set; }
    public bool Saved { get; private set; }

    public DecisionTry? Current => Decision.CurrentTry;
    public string? OptionText => Current is { } t ? Decision.Options.FirstOrDefault(o => o.Id == t.OptionId)?.Text : null;
    public bool CanReport => !CourseEnded && !Decision.IsClosed && Current is { HasFeedback: false };

    public async Task<IActionResult> OnGetAsync(Guid decisionId, CancellationToken ct)
    {
        if (!await LoadAsync(decisionId, ct))
        {
            return NotFound();
        }
        Saved = TempData.TakeNotice() == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid decisionId, CancellationToken ct)
    {
        if (!await LoadAsync(decisionId, ct))
        {
            return NotFound();
        }
        // A refusal shows the plan as the therapist last left it (a stale write included), with the patient's words kept.
        // "Did you try it?" left unanswered is theirs to fix (400, beside the question); anything else clashes with a
        // change already made (409).
        var unanswered = false;
        return await this.AttemptAsync(async () =>
        {
            await decisions.ReportByPatientAsync(User.UserId(), decisionId, Tried, WhatHappened, HowItFelt, ct);
            return this.RedirectWithNotice($"/my-plan/tasks/{Decision.Id}", "saved");
        }, async () =>
        {
            Response.StatusCode = unanswered ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return await LoadAsync(decisionId, ct) ? Page() : NotFound();
        }, refused =>
        {
            unanswered = refused.Rule == TreatmentCourseRules.FeedbackSaysWhetherTried;
            ModelState.AddModelError(unanswered ? TriedField : "", refused.Message);
        });
    }

    public const string TriedField = nameof(Tried);

    private async Task<bool> LoadAsync(Guid decisionId, CancellationToken ct)
    {
        var me = User.UserId();
        var decision = await db.DecisionAnalyses.SingleOrDefaultAsync(d => d.Id == decisionId && d.PatientId == me, ct);
        if (decision is null)
        {
            return false;
        }
        Decision = decision;
        CourseEnded = await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == decision.CourseId)
            .Select(c => c.Phase).SingleAsync(ct) is CoursePhase.Closed or CoursePhase.EndedEarly or CoursePhase.Transferred;
        return true;
    }
}
