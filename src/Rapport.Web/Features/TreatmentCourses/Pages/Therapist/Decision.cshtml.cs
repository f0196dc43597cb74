using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// One decision analysis (docs/clinical/ipt-course.md#middle-phase-session-flow, step 6): add options with pros and cons, choose one with a plan, see the patient's report
/// (or record it as told in session), record the adjustment, choose again, close. The tries are shown as what has been
/// learned. Only a decision of this therapist's course with this patient opens; anything else is 404.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class DecisionModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, DecisionAnalyses decisions) : TherapistCoursePageModel(courses, clock)
{
    [BindProperty] public int DecisionVersion { get; set; }
    [BindProperty] public string? OptionText { get; set; }
    [BindProperty] public string? Pros { get; set; }
    [BindProperty] public string? Cons { get; set; }
    [BindProperty] public Guid OptionId { get; set; }
    [BindProperty] public string? Plan { get; set; }
    [BindProperty] public bool? Tried { get; set; }
    [BindProperty] public string? WhatHappened { get; set; }
    [BindProperty] public string? HowItFelt { get; set; }
    [BindProperty] public string? Adjustment { get; set; }

    public DecisionAnalysis Decision { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid patientId, Guid decisionId, CancellationToken ct) =>
        await LoadDecisionAsync(patientId, decisionId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddOptionAsync(Guid patientId, Guid decisionId, CancellationToken ct) =>
        ChangeAsync(patientId, decisionId, "Option added.",
            () => decisions.AddOptionAsync(User.UserId(), patientId, decisionId, DecisionVersion, OptionText, Pros, Cons, ct), ct);

    public Task<IActionResult> OnPostChooseAsync(Guid patientId, Guid decisionId, CancellationToken ct) =>
        ChangeAsync(patientId, decisionId, "Plan chosen. The patient sees it on their plan and can report back before the next session.",
            () => decisions.ChooseAsync(User.UserId(), patientId, decisionId, DecisionVersion, OptionId, Plan, ct), ct);

    public Task<IActionResult> OnPostReportAsync(Guid patientId, Guid decisionId, CancellationToken ct) =>
        ChangeAsync(patientId, decisionId, "How it went is recorded.",
            () => decisions.RecordFeedbackAsync(User.UserId(), patientId, decisionId, DecisionVersion, Tried, WhatHappened, HowItFelt, ct), ct);

    public Task<IActionResult> OnPostAdjustAsync(Guid patientId, Guid decisionId, CancellationToken ct) =>
        ChangeAsync(patientId, decisionId, "Adjustment recorded. You can now choose another option or plan to try.",
            () => decisions.AdjustAsync(User.UserId(), patientId, decisionId, DecisionVersion, Adjustment, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(Guid patientId, Guid decisionId, CancellationToken ct) =>
        ChangeAsync(patientId, decisionId, "Decision analysis closed. Its history stays.",
            () => decisions.CloseAsync(User.UserId(), patientId, decisionId, DecisionVersion, ct), ct);

    private async Task<IActionResult> ChangeAsync(Guid patientId, Guid decisionId, string done, Func<Task<DecisionAnalysis>> change, CancellationToken ct)
    {
        if (!await LoadDecisionAsync(patientId, decisionId, ct))
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            await change();
            return this.RedirectWithNotice(CourseUrl($"decisions/{decisionId}"), done);
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadDecisionAsync(patientId, decisionId, ct);
        });
    }

    /// <summary>A plan left empty is the therapist's to write, so its words go beside the plan's box, not above the page.</summary>
    protected override string FieldOf(RuleViolationException refusal) =>
        refusal?.Rule == TreatmentCourseRules.ChoiceNeedsPlan ? nameof(Plan) : "";

    private async Task<bool> LoadDecisionAsync(Guid patientId, Guid decisionId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct) || Record?.Decisions.FirstOrDefault(d => d.Id == decisionId) is not { } decision)
        {
            return false;
        }
        Decision = decision;
        return true;
    }

    public string OptionTextOf(Guid optionId) => Decision.Options.FirstOrDefault(o => o.Id == optionId)?.Text ?? "";

    public string? SessionOf()
    {
        var note = Record!.Notes.FirstOrDefault(n => n.Id == Decision.SessionNoteId);
        return note is null ? null : note.SessionNumber is { } k ? $"Brainstormed in session {k}" : "Brainstormed in a maintenance session";
    }
}
