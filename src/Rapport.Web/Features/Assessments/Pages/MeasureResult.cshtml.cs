using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments.Pages;

/// <summary>
/// What the patient sees right after sending a questionnaire (their own response only; anyone else's is a 404).
/// A risk answer turns this page into the crisis screen and nothing else (Safety readme, rule 1): calm words, who was
/// told, the crisis lines of their country and their safety plan (or how to get one). No total, no range, no "suggests"
/// sentence and no next questionnaire: a score or another form is the wrong thing to hand someone at that moment, and
/// the measures wait in the menu. Any other answer shows the total in plain words and the next measure due.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadMeasureResult, PatientIsCaller = true)]
public sealed class MeasureResultModel(MeasureResults results, DueMeasures dueMeasures) : PageModel
{
    public AssessmentResponse Answered { get; private set; } = null!;
    public ScoredResponse Score { get; private set; } = null!;
    public bool AtRisk => Answered.Risk > RiskLevel.None;
    /// <summary>The crisis help after a risk answer (words, lines, plan); null for any other answer.</summary>
    public CrisisHelp? Help { get; private set; }
    public DueMeasure? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid responseId, CancellationToken ct)
    {
        var me = User.UserId();
        if (await results.OwnResultAsync(me, responseId, ct) is not { } result)
        {
            return NotFound();
        }
        Answered = result.Response;
        Score = result.Score;

        if (result.Help is { } help)
        {
            Help = help;
            return Page();
        }
        Next = (await dueMeasures.ForPatientAsync(me, ct)).FirstOrDefault();
        return Page();
    }

    /// <summary>"Suggests major depressive syndrome (…)" as a sentence about the answers, never as a diagnosis.</summary>
    public string? SuggestionInWords => Score.Suggestion is { Length: > 0 } s ? $"The pattern of your answers {char.ToLowerInvariant(s[0])}{s[1..]}" : null;

    public int Unanswered => Score.MissingItems.Count;
}
