using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The formulation (docs/clinical/ipt-course.md#problem-areas and #formulation): one problem area, two at most, the trigger, the people involved
/// from the inventory, the goals and the words for the patient, with the reference guide for the chosen areas beside
/// it; the patient's agreement recorded in session. A revision withdraws the agreement (the domain does it).
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class FormulationModel(TreatmentCourseService courses, AppDbContext db, FormulationWriting formulations, TimeProvider clock)
    : TherapistCoursePageModel(courses, clock)
{
    public sealed class FormulationForm
    {
        /// <summary>The ticked problem areas: one, two at most.</summary>
        public List<ProblemArea> Areas { get; set; } = [];
        /// <summary>Which ticked area is the main focus; the first ticked when none is chosen.</summary>
        public ProblemArea? Primary { get; set; }
        public DisputeStage? Stage { get; set; }
        public string? TriggerEvent { get; set; }
        public DateOnly? TriggerDate { get; set; }
        public List<Guid> LinkedPersonIds { get; set; } = [];
        /// <summary>One goal a line.</summary>
        public string? Goals { get; set; }
        public string? Wording { get; set; }

        public IReadOnlyList<ProblemFocus> Foci()
        {
            var primary = Primary ?? Areas.FirstOrDefault();
            if (Primary is null && Areas.Count == 0)
            {
                return [];
            }
            return [.. new[] { primary }.Concat(Areas.Where(a => a != primary)).Distinct()
                .Select(a => new ProblemFocus(a, a == ProblemArea.RoleDispute ? Stage : null))];
        }

        public Formulation.Details ToDetails() => new(Foci(), TriggerEvent, TriggerDate, LinkedPersonIds,
            (Goals ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Wording);

        public static FormulationForm From(Formulation f) => new()
        {
            Areas = [.. f.Foci.Select(x => x.Area)],
            Primary = f.PrimaryArea,
            Stage = f.Foci.FirstOrDefault(x => x.Area == ProblemArea.RoleDispute)?.Stage,
            TriggerEvent = f.TriggerEvent,
            TriggerDate = f.TriggerDate,
            LinkedPersonIds = [.. f.LinkedPersonIds],
            Goals = string.Join('\n', f.Goals),
            Wording = f.WordingForPatient,
        };
    }

    [BindProperty] public FormulationForm Form { get; set; } = new();

    /// <summary>The areas whose guide is shown beside the form: those chosen, or all four before any is.</summary>
    public IReadOnlyList<ProblemAreaGuide> Guides => Form.Areas.Count == 0 && Form.Primary is null
        ? ProblemAreaGuide.All
        : [.. Form.Foci().Select(f => ProblemAreaGuide.For(f.Area))];

    public bool GuidesChosen => Form.Areas.Count > 0 || Form.Primary is not null;

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Record?.Formulation is { } formulation)
        {
            Form = FormulationForm.From(formulation);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid patientId, CancellationToken ct)
    {
        var posted = Form;
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Course is not { } course)
        {
            return NotFound();
        }
        Form = posted;
        return await AttemptAsync(async () =>
        {
            var (formulation, wasAgreed) = await formulations.SaveAsync(User.UserId(), patientId, posted.ToDetails(), ct);
            var done = wasAgreed
                ? $"Revision {formulation.Revision} saved. The change withdrew the patient's agreement: ask them to agree again."
                : $"Revision {formulation.Revision} saved.";
            return this.RedirectWithNotice(CourseUrl("formulation"), done);
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(patientId, ct);
        });
    }

    public async Task<IActionResult> OnPostAgreeAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Course is not { } course)
        {
            return NotFound();
        }
        if (Record!.Formulation is { } saved)
        {
            Form = FormulationForm.From(saved);
        }
        return await AttemptAsync(async () =>
        {
            await formulations.RecordAgreementInSessionAsync(User.UserId(), patientId, ct);
            return this.RedirectWithNotice(CourseUrl("formulation"), "The patient's agreement is recorded.");
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(patientId, ct);
        });
    }

    public static string Channel(AgreementChannel? channel) => channel == AgreementChannel.Portal ? "the portal (confirmed by the patient)" : "the session";
}
