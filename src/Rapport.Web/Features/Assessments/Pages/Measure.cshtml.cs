using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments.Pages;

/// <summary>
/// One self-report questionnaire, answered by the patient for themself. The form carries a submission id chosen
/// when it was opened, so a double press stores one response. A partly answered form is accepted (it has no total,
/// and a risk answer in it still starts the safety path); answers that do not fit are shown again with the choices kept.
/// Then the result page, by redirect, so a reload never sends the answers twice.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadMeasureForm, PatientIsCaller = true)]
public sealed class MeasureModel(AssessmentService assessments, ICrisisHelp crisisHelp) : PageModel
{
    public Instrument Instrument { get; private set; } = null!;
    /// <summary>Why the instrument cannot be answered here (a licence the clinic has not recorded).</summary>
    public string? Refusal { get; private set; }
    public bool AfterIntake { get; private set; }
    /// <summary>The crisis words and lines for a risk answer in a form that was refused (its alert was still raised): shown above the form.</summary>
    public CrisisHelp? RefusedRiskHelp { get; private set; }

    [BindProperty] public Guid SubmissionId { get; set; }
    /// <summary>Chosen option value by item number; an item with no choice is unanswered.</summary>
    /// <remarks>Named, so that a form with no choice binds nothing: unnamed, MVC would read the other fields (SubmissionId) as answers.</remarks>
    [BindProperty(Name = nameof(Answers))] public Dictionary<int, int> Answers { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string instrumentKey, CancellationToken ct)
    {
        AfterIntake = TempData.TakeNotice() == "after-intake";
        if (await OfferAsync(instrumentKey, ct) is { } refused)
        {
            return refused;
        }
        SubmissionId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string instrumentKey, CancellationToken ct)
    {
        if (await OfferAsync(instrumentKey, ct) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Answers.Keys.Any(number => Instrument.Items.All(i => i.Number != number)))
        {
            ModelState.AddModelError("", $"{Instrument.ShortName} has questions 1 to {Instrument.Items.Count}; the form sent another.");
            return Page();
        }
        IReadOnlyList<int?> answers = [.. Instrument.Items.Select(i => Answers.TryGetValue(i.Number, out var value) ? value : (int?)null)];
        if (answers.All(a => a is null))
        {
            ModelState.AddModelError("", "Choose an answer to at least one question, then send the form.");
            return Page();
        }

        var me = User.UserId();
        try
        {
            var outcome = await assessments.SubmitAsync(me, callerIsTherapist: false,
                new AssessmentService.Submission(me, Instrument.Id, answers, SubmissionId == Guid.Empty ? null : SubmissionId), ct);
            return Redirect($"/measures/result/{outcome.Response.Id}");
        }
        catch (RuleViolationException e) when (e.Rule == AssessmentRules.IdempotencyKeyReused)
        {
            // Back, changed, sent again: the first answers stand. The changed ones can be sent as a new form, so it gets a new id.
            ModelState.AddModelError("", e.Message);
            SubmissionId = Guid.NewGuid();
            if (InstrumentScoring.Score(Instrument, answers).Risk > RiskLevel.None)
            {
                RefusedRiskHelp = await crisisHelp.ForPatientAsync(me, ct);
            }
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        catch (InputValidationException e)
        {
            foreach (var (key, messages) in e.Errors)
            {
                // "answers[3]" is the fourth item: show the message beside that question.
                var field = key.StartsWith("answers[", StringComparison.Ordinal) && int.TryParse(key["answers[".Length..^1], out var index)
                    && index < Instrument.Items.Count ? $"Answers[{Instrument.Items[index].Number}]" : "";
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }
            return Page();
        }
    }

    /// <summary>Null when the patient may answer the instrument here; otherwise the answer that refuses it.</summary>
    private async Task<IActionResult?> OfferAsync(string instrumentKey, CancellationToken ct)
    {
        // The address holds a neutral key, never the instrument's name (InstrumentCatalog.RouteKeys).
        if (InstrumentCatalog.FindByRouteKey(instrumentKey)?.Id is not { } instrumentId)
        {
            return NotFound();
        }
        try
        {
            Instrument = await assessments.OfferedAsync(instrumentId, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (RuleViolationException e)
        {
            Refusal = e.Message;
            Instrument = InstrumentCatalog.Find(instrumentId)!;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        // Clinician-rated scales are filled in by the therapist in a session: for a patient they do not exist.
        return Instrument.Rater == Rater.Patient ? null : NotFound();
    }

    public int? Chosen(InstrumentItem item) => Answers.TryGetValue(item.Number, out var value) ? value : null;
}
