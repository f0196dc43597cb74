using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Safety;

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
public sealed class MeasureResultModel(MeasureResults results, DueMeasures dueMeasures, CrisisLines crisisLines, CareAccess care) : PageModel
{
    public AssessmentResponse Answered { get; private set; } = null!;
    public ScoredResponse Score { get; private set; } = null!;
    public bool AtRisk => Answered.Risk > RiskLevel.None;
    public IReadOnlyList<CrisisLine> CrisisResources { get; private set; } = [];
    public string WhoWasTold { get; private set; } = "";
    public string CountryName { get; private set; } = "";
    public SafetyPlanVersion? Plan { get; private set; }
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

        if (AtRisk)
        {
            var country = await crisisLines.CountryOfAsync(me, ct);
            CountryName = country is null ? "" : ProfileChoices.CountryName(country);
            CrisisResources = await crisisLines.ForCountryAsync(country, ct);
            WhoWasTold = SafetyWords.WhoWasTold(await care.ClinicianToNotifyAsync(me, ct));
            Plan = result.Plan;
            return Page();
        }
        Next = (await dueMeasures.ForPatientAsync(me, ct)).FirstOrDefault();
        return Page();
    }

    /// <summary>"Suggests major depressive syndrome (…)" as a sentence about the answers, never as a diagnosis.</summary>
    public string? SuggestionInWords => Score.Suggestion is { Length: > 0 } s ? $"The pattern of your answers {char.ToLowerInvariant(s[0])}{s[1..]}" : null;

    public int Unanswered => Score.MissingItems.Count;
}
