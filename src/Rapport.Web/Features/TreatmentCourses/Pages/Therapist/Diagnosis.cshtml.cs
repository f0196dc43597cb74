using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The medical model of the initial phase (readme, rule 32): the working diagnosis with the severity the PHQ-9 gives, the
/// day the sick role was given and the medication decision, each recorded by its own form through
/// <see cref="InitialPhaseTasks"/>. A refusal shows beside its field and keeps what was typed.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class DiagnosisModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, InitialPhaseTasks tasks, MeasurementHistory history)
    : TherapistCoursePageModel(courses, clock)
{
    [BindProperty] public string? DiagnosisCode { get; set; }
    [BindProperty] public string? DiagnosisText { get; set; }
    [BindProperty] public DateOnly? SickRoleGivenOn { get; set; }
    [BindProperty] public MedicationDecision Medication { get; set; }
    [BindProperty] public string? MedicationNote { get; set; }

    public Phq9Severity? Severity { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadPageAsync(patientId, ct))
        {
            return NotFound();
        }
        ShowStored(_ => true);
        return Page();
    }

    /// <summary>Fills the forms with what is stored; after a refusal only the forms not posted, so the posted one keeps what was typed.</summary>
    private void ShowStored(Func<string, bool> shows)
    {
        var course = Course!;
        if (shows(nameof(DiagnosisCode)))
        {
            DiagnosisCode = course.DiagnosisCode;
            DiagnosisText = course.DiagnosisText;
        }
        if (shows(nameof(SickRoleGivenOn)))
        {
            SickRoleGivenOn = course.SickRoleGivenOn;
        }
        if (shows(nameof(Medication)))
        {
            Medication = course.Medication;
            MedicationNote = course.MedicationNote;
        }
    }

    public Task<IActionResult> OnPostDiagnosisAsync(Guid patientId, CancellationToken ct) =>
        RecordAsync(patientId, () => tasks.RecordDiagnosisAsync(User.UserId(), patientId, DiagnosisCode, DiagnosisText, ct), "Working diagnosis recorded.", ct);

    public Task<IActionResult> OnPostSickRoleAsync(Guid patientId, CancellationToken ct) =>
        RecordAsync(patientId, () => tasks.GiveSickRoleAsync(User.UserId(), patientId, SickRoleGivenOn, ct), "Sick role recorded.", ct);

    public Task<IActionResult> OnPostMedicationAsync(Guid patientId, CancellationToken ct) =>
        RecordAsync(patientId, () => tasks.DecideMedicationAsync(User.UserId(), patientId, Medication, MedicationNote, ct), "Medication decision recorded.", ct);

    protected override string FieldOf(RuleViolationException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Rule switch
        {
            TreatmentCourseRules.DiagnosisFromTheList => nameof(DiagnosisCode),
            TreatmentCourseRules.OtherDiagnosisNeedsText or TreatmentCourseRules.DiagnosisTextTooLong => nameof(DiagnosisText),
            TreatmentCourseRules.SickRoleDateRequired or TreatmentCourseRules.SickRoleNotInFuture or TreatmentCourseRules.SickRoleNotBeforeCourse => nameof(SickRoleGivenOn),
            TreatmentCourseRules.MedicationDecisionRequired => nameof(Medication),
            TreatmentCourseRules.MedicationNoteTooLong => nameof(MedicationNote),
            _ => "",
        };
    }

    private async Task<IActionResult> RecordAsync(Guid patientId, Func<Task> record, string done, CancellationToken ct)
    {
        if (!await LoadPageAsync(patientId, ct))
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            await record();
            return this.RedirectWithNotice(CourseUrl("diagnosis"), done);
        }, async () =>
        {
            // Nothing of a refused change stays tracked; the form keeps what was typed.
            db.ChangeTracker.Clear();
            await LoadPageAsync(patientId, ct);
            ShowStored(field => !Request.Form.ContainsKey(field));
        });
    }

    private async Task<bool> LoadPageAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct) || Record is null)
        {
            return false;
        }
        Severity = MedicalModel.SeverityFrom(await history.ForPatientAsync(patientId, InstrumentCatalog.Phq9Instrument, ct));
        return true;
    }
}
