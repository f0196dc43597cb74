using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Assessments.Pages.Therapist;

/// <summary>
/// The therapist rates a clinician-rated instrument (HAM-D-17) from the interview with their patient. Stored through
/// <see cref="AssessmentService.SubmitAsync"/> like every answer, so it is validated, scored, idempotent and audited there.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadMeasureForm)]
public sealed class RateModel(PeopleNames people, CareAccess care, AssessmentService assessments) : PageModel
{
    public Instrument Instrument { get; private set; } = null!;
    public Guid PatientId { get; private set; }
    public string PatientName { get; private set; } = "";

    /// <summary>Chosen option value by item number; an item left out is unanswered.</summary>
    [BindProperty]
    public Dictionary<int, int> Answers { get; set; } = [];

    /// <summary>Chosen once when the form is drawn: pressing the button twice stores one rating.</summary>
    [BindProperty]
    public Guid SubmissionId { get; set; }

    public ScoredResponse? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, string instrumentKey, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, instrumentKey, ct))
        {
            return NotFound();
        }
        SubmissionId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid patientId, string instrumentKey, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, instrumentKey, ct))
        {
            return NotFound();
        }
        var answers = Instrument.Items.Select(i => Answers.TryGetValue(i.Number, out var v) ? v : (int?)null).ToArray();
        // The page is loaded already: a refusal shows it as it is, with the answers given.
        return await this.AttemptAsync(async () =>
        {
            var outcome = await assessments.SubmitAsync(User.UserId(), callerIsTherapist: true,
                new AssessmentService.Submission(patientId, Instrument.Id, answers, SubmissionId == Guid.Empty ? null : SubmissionId), ct);
            Result = outcome.Score;
            return Page();
        }, () => Task.CompletedTask);
    }

    private async Task<bool> LoadAsync(Guid patientId, string instrumentKey, CancellationToken ct)
    {
        if (!await care.AllowsAsync(User.UserId(), patientId, change: true, ct))
        {
            return false;
        }
        var instrument = (await assessments.OfferedListAsync(ct)).FirstOrDefault(i => i.RouteKey == instrumentKey && i.Rater == Rater.Clinician && i.ContentBundled);
        if (instrument is null)
        {
            return false;
        }
        Instrument = instrument;
        PatientId = patientId;
        PatientName = await people.People.Where(p => p.Id == patientId).Select(p => p.DisplayName).SingleAsync(ct);
        return true;
    }
}
