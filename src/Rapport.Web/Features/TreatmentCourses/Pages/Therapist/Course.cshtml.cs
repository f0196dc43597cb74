using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Safety.Pages;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The course at a glance for its therapist: open one, see what is left to do in this phase, move the
/// phase on through the guarded domain methods (a refusal is a message and nothing changes), the sessions counted so
/// far with a link to each note, open relapse alerts, deterioration notices (closed here by whoever acts for the
/// patient, with what they did), the risk banner and the next session's agenda.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class CourseModel(TreatmentCourseService courses, AppDbContext db, CourseAlerts alerts, CoursePhases phases, TimeProvider clock, PatientRisk risk, MeasurementHistory history,
    FidelityRating fidelity, PeopleNames people, SessionHistory appointments)
    : TherapistCoursePageModel(courses, clock)
{
    /// <summary>One thing to do in this phase, done or not (null: a reminder, not a task), and where to do it.</summary>
    public sealed record Step(string Text, bool? Done, string? Href);

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid AlertId { get; set; }
    [BindProperty] public string? ActionTaken { get; set; }

    public IReadOnlyList<Step> Checklist { get; private set; } = [];
    public Appointment? NextAppointment { get; private set; }
    public int OpenRelapseAlerts => Record?.RelapseAlerts.Count(a => a.IsOpen && a.Kind == CourseAlertKind.Relapse) ?? 0;
    public IEnumerable<RelapseAlert> DeteriorationNotices => Record?.RelapseAlerts.Where(a => a.Kind == CourseAlertKind.Deterioration) ?? [];
    public RiskBanner? Risk { get; private set; }
    /// <summary>The severity beside the working diagnosis: the latest PHQ-9 of this course (readme, rule 32).</summary>
    public Phq9Severity? Severity { get; private set; }
    /// <summary>The supervisors' fidelity ratings, shown to the course's own therapist only (readme, rule 33).</summary>
    public IReadOnlyList<FidelityRating.Rated> FidelityRatings { get; private set; } = [];
    public string? PatientName { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct) =>
        await LoadPageAsync(patientId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostOpenAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadPageAsync(patientId, ct))
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            // The service checks the care relationship and that no other course is open, and audits the opening.
            await Courses.OpenAsync(User.UserId(), patientId, ct);
            return this.RedirectWithNotice(CourseUrl(), "Course opened. It starts with the assessment.");
        }, () => ReloadAsync(patientId, ct));
    }

    /// <summary>Closes a deterioration notice with what was done; the notice itself lets only the course's therapist close it.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadPageAsync(patientId, ct, careAction: true))
        {
            return NotFound();
        }
        var alert = DeteriorationNotices.FirstOrDefault(a => a.Id == AlertId);
        if (alert is null)
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            await alerts.AcknowledgeAsync(User.UserId(), patientId, alert.Id, CourseAlertKind.Deterioration, ActionTaken, ct);
            return this.RedirectWithNotice(CourseUrl(), "Notice closed with what you did.");
        }, () => ReloadAsync(patientId, ct));
    }

    public Task<IActionResult> OnPostBeginInitialAsync(Guid patientId, CancellationToken ct) =>
        ChangePhaseAsync(patientId, () => phases.BeginInitialAsync(User.UserId(), patientId, ct), "The initial phase has begun: session 1 is the next session.", ct);

    public Task<IActionResult> OnPostBeginMiddleAsync(Guid patientId, CancellationToken ct) =>
        ChangePhaseAsync(patientId, () => phases.BeginMiddleAsync(User.UserId(), patientId, ct), "The middle phase has begun.", ct);

    public Task<IActionResult> OnPostBeginTerminationAsync(Guid patientId, CancellationToken ct) =>
        ChangePhaseAsync(patientId, () => phases.BeginTerminationAsync(User.UserId(), patientId, ct), "The termination phase has begun.", ct);

    public Task<IActionResult> OnPostEndEarlyAsync(Guid patientId, CancellationToken ct) =>
        ChangePhaseAsync(patientId, () => phases.EndEarlyAsync(User.UserId(), patientId, Reason, ct), "The course has ended early.", ct);

    public Task<IActionResult> OnPostCloseAsync(Guid patientId, CancellationToken ct) =>
        ChangePhaseAsync(patientId, () => phases.CloseAsync(User.UserId(), patientId, ct), "The course is closed.", ct);

    private async Task<IActionResult> ChangePhaseAsync(Guid patientId, Func<Task<TreatmentCourse>> change, string done, CancellationToken ct)
    {
        if (!await LoadPageAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Course is null)
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            await change();
            return this.RedirectWithNotice(CourseUrl(), done);
        }, () => ReloadAsync(patientId, ct));
    }

    private async Task ReloadAsync(Guid patientId, CancellationToken ct)
    {
        // Nothing of a refused change stays tracked: the page shows what is stored.
        db.ChangeTracker.Clear();
        await LoadPageAsync(patientId, ct);
    }

    private async Task<bool> LoadPageAsync(Guid patientId, CancellationToken ct, bool careAction = false)
    {
        if (!await LoadAsync(patientId, ct, careAction))
        {
            return false;
        }
        var zone = Record is null
            ? await people.ZoneOfAsync(User.UserId(), ct)
            : Zone;
        Risk = new RiskBanner(await risk.NowAsync(patientId, ct), zone);
        PatientName = Record?.Patient.DisplayName
            ?? await people.OfAsync(patientId, ct);
        if (Record is { } file)
        {
            var now = Clock.GetUtcNow();
            NextAppointment = await appointments.BookedWithPair(patientId, file.Course.TherapistId).FirstOrDefaultAsync(a => a.EndUtc > now, ct);
            Severity = MedicalModel.SeverityFrom(await history.ForPatientAsync(patientId, InstrumentCatalog.Phq9Instrument, ct));
            Checklist = StepsFor(file);
            if (file.Course.TherapistId == User.UserId())
            {
                FidelityRatings = await fidelity.OfCourseAsync(file.Course.Id, ct);
            }
        }
        return true;
    }

    /// <summary>What is left to do in the current phase, computed from the record (the tasks of each phase, docs/clinical/ipt-course.md#phases).</summary>
    private List<Step> StepsFor(CourseFile file)
    {
        var course = file.Course;
        var inForce = file.ContractInForce;
        return course.Phase switch
        {
            CoursePhase.Assessment =>
            [
                new("Decide together whether IPT fits, then begin the initial phase", null, null),
            ],
            CoursePhase.Initial =>
            [
                new(course.DiagnosisLabel is { } diagnosis ? $"Working diagnosis recorded: {diagnosis}" : "Working diagnosis recorded",
                    course.DiagnosisCode is not null, CourseUrl("diagnosis")),
                new(course.SickRoleGivenOn is { } given ? $"Sick role given on {given.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}" : "Sick role given",
                    course.SickRoleGivenOn is not null, CourseUrl("diagnosis")),
                new(course.Medication == MedicationDecision.NotDecided ? "Medication decided" : $"Medication decided: {MedicalModel.Medication(course.Medication)}",
                    course.Medication != MedicationDecision.NotDecided, CourseUrl("diagnosis")),
                new("Interpersonal inventory completed with the patient", file.Inventory is { State: InventoryState.Completed }, CourseUrl("inventory")),
                new("Formulation written", file.Formulation is not null, CourseUrl("formulation")),
                new("Formulation agreed by the patient", file.Formulation is { IsAgreed: true }, CourseUrl("formulation")),
                new("Contract signed by both", inForce is not null, CourseUrl("contract")),
                new("Sessions booked as a series", course.BookedSeriesId is not null, CourseUrl("contract")),
            ],
            CoursePhase.Middle =>
            [
                new("Formulation agreed", file.Formulation is { IsAgreed: true }, CourseUrl("formulation")),
                new($"Termination is raised when {course.TerminationWindow} or fewer sessions remain ({course.RemainingSessions} remain)",
                    null, null),
            ],
            CoursePhase.Termination =>
            [
                new("Termination review completed with the patient", file.Review is { IsCompleted: true }, CourseUrl("termination")),
            ],
            CoursePhase.Maintenance =>
            [
                new("Relapse alerts looked at", OpenRelapseAlerts == 0, CourseUrl("maintenance")),
            ],
            _ => [],
        };
    }
}
