using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Assessments.Pages;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Platform;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Safety.Pages;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.Web.Features.Clinicians.Pages;

/// <summary>
/// One patient as their therapist sees them: open safety alerts first, the intake as one
/// readable summary with the life events on a timeline beside the onset of low mood, every measure as a chart and a
/// table with the sessions marked, the current safety plan, and the therapist's actions (send a measure, change the
/// measurement plan, rate the HAM-D-17). Only the patient's own therapist may open it; anyone else gets a 404.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.IntakeRead)]
public sealed class PatientModel(PeopleNames people, AssessmentRecords records, SafetyRecords safety, CareAccess care, SessionHistory sessionHistory, MeasurementHistory history, AssessmentService assessments, MeasureRequests measures,
    TimeProvider clock, PatientRisk risk, SessionNumbering numbering) : PageModel
{
    public sealed class PlanInput
    {
        public int Phq9Every { get; set; }
        public int Gad7Every { get; set; }
        public int WsasEvery { get; set; }
    }

    public sealed record OpenAlert(SafetyAlert Alert, bool MineToAcknowledge, string With);

    public sealed record Waiting(Instrument Instrument, DateTimeOffset SentAt);

    public const string SendSection = "send";
    public const string PlanSection = "plan";

    public Guid PatientId { get; private set; }
    public PeopleNames.Person Patient { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public IReadOnlyList<OpenAlert> OpenAlerts { get; private set; } = [];
    public RiskBanner? Risk { get; private set; }
    public Intake? Intake { get; private set; }
    public IReadOnlyList<LifeEvent> LifeEvents { get; private set; } = [];
    public string? Timeline { get; private set; }
    public IReadOnlyList<Consent> Consents { get; private set; } = [];

    /// <summary>The life events and the onset of low mood in one list, in the order they happened (the timeline's data).</summary>
    public IReadOnlyList<(DateOnly Month, string Text, bool IsOnset)> History =>
    [
        .. LifeEvents.Select(e => (e.Month, LifeEvent.Describe(e.Kind) + (e.Description is null ? "" : $": {e.Description}"), false))
            .Concat(Intake?.LowMoodSince is { } onset ? [(onset, "low mood began", true)] : [])
            .OrderBy(x => x.Item1).ThenBy(x => x.Item3),
    ];
    public IReadOnlyList<MeasuresView> Measures { get; private set; } = [];
    public SafetyPlanVersion? SafetyPlan { get; private set; }
    public string? SafetyPlanAuthor { get; private set; }
    public IReadOnlyList<Instrument> Sendable { get; private set; } = [];
    public IReadOnlyList<Instrument> Rateable { get; private set; } = [];
    public IReadOnlyList<Waiting> WaitingAnswers { get; private set; } = [];
    /// <summary>The pair's past sessions as the course numbers them (TreatmentCourses readme, "Session numbers").</summary>
    public PairSessions Sessions { get; private set; } = PairSessions.None;

    /// <summary>
    /// The clinician has only a first conversation with this patient: the page shows what the patient shared for it
    /// (their name and what brings them) and nothing else from the record.
    /// </summary>
    public bool EnquiryOnly { get; private set; }
    public string? EnquiryWhatBringsYou { get; private set; }
    public Appointment? NextSession { get; private set; }

    [BindProperty]
    public PlanInput Plan { get; set; } = new();

    [BindProperty]
    public string? InstrumentId { get; set; }

    /// <summary>Which form the last action was about: its message and errors are shown beside it.</summary>
    public string? Section { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct) =>
        await LoadAsync(patientId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendMeasureAsync(Guid patientId, CancellationToken ct)
    {
        Section = SendSection;
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        return await this.AttemptAsync(async () =>
        {
            var (_, instrument) = await measures.SendAsync(User.UserId(), patientId, InstrumentId, ct);
            Message = $"{instrument.ShortName} sent. It shows on {Patient.DisplayName}'s home page until they answer it, and they have been e-mailed a link.";
            await LoadAsync(patientId, ct);
            return Page();
        }, () => Task.CompletedTask,
            // The page knows when the waiting one was sent, in the clinician's own time zone.
            e => ModelState.AddModelError("", e.Rule == AssessmentRules.MeasureAlreadyWaiting
                && WaitingAnswers.FirstOrDefault(w => w.Instrument.Id == InstrumentId) is { } waiting
                    ? $"{waiting.Instrument.ShortName} was already sent on {Day(waiting.SentAt)} and is waiting for an answer."
                    : e.Message));
    }

    public async Task<IActionResult> OnPostChangePlanAsync(Guid patientId, CancellationToken ct)
    {
        Section = PlanSection;
        var posted = Plan;
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        Plan = posted;
        return await this.AttemptAsync(async () =>
        {
            var plan = await measures.ChangePlanAsync(User.UserId(), patientId, posted.Phq9Every, posted.Gad7Every, posted.WsasEvery, ct);
            Message = $"Saved. {Every("PHQ-9", plan.Phq9EveryNthSession)}, {Every("GAD-7", plan.Gad7EveryNthSession)} and {Every("WSAS", plan.WsasEveryNthSession)}.";
            ModelState.Clear();
            return Page();
        }, () => Task.CompletedTask);
    }

    public static string Every(string name, int n) => n == 1 ? $"{name} before every session" : $"{name} before every {Ordinal(n)} session";

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };

    public string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public string DayAndTime(DateTimeOffset at) => TimeText.DayAndTime(WallClock.Local(at, Zone));


    private async Task<bool> LoadAsync(Guid patientId, CancellationToken ct)
    {
        var me = User.UserId();
        var standing = await care.StandingAsync(me, patientId, ct);
        var reading = HttpMethods.IsGet(Request.Method);
        if (reading && standing.Role == CareRole.Enquiry)
        {
            return await LoadEnquiryAsync(me, patientId, ct);
        }
        if (!await care.AllowsAsync(me, patientId, change: !reading, ct))
        {
            return false;
        }
        PatientId = patientId;
        await LoadPeopleAsync(me, patientId, ct);
        var now = clock.GetUtcNow();

        var alerts = await safety.OpenAlertsOfAsync(patientId, ct);
        var assignees = alerts.Where(a => a.AssignedTherapistId is not null && a.AssignedTherapistId != me).Select(a => a.AssignedTherapistId!.Value).Distinct().ToList();
        var assigneeNames = await people.OfAsync(assignees, ct);
        OpenAlerts = [.. alerts.Select(a => new OpenAlert(a, a.AssignedTherapistId == me,
            a.AssignedTherapistId is { } t ? (t == me ? "you" : assigneeNames.GetValueOrDefault(t, "another therapist")) : "the clinic's admins"))];
        Risk = new RiskBanner(await risk.AtAsync(patientId, now, ct), Zone);

        // Entities, not projections: the intake, life events and plan steps are clinical text, decrypted as entities load.
        Intake = await records.IntakeOfAsync(patientId, ct);
        LifeEvents = await records.LifeEventsOfAsync(patientId, ct);
        Timeline = LifeEvents.Count > 0 || Intake?.LowMoodSince is not null
            ? LifeEventTimeline.Render(LifeEvents, Intake?.LowMoodSince, DateOnly.FromDateTime(WallClock.Local(now, Zone)), "life-events")
            : null;
        Consents = await records.ConsentsOfAsync(patientId, ct);

        var responsible = await care.ResponsibleAsync(patientId, ct);
        var sessions = responsible is null ? [] : await sessionHistory.SessionsAsync(patientId, responsible.ClinicianId, ct);
        var held = sessions.Where(a => a.StartUtc <= now).ToList();
        Sessions = responsible is null ? PairSessions.None : await numbering.ForPairAsync(patientId, responsible.ClinicianId, sessions, now, ct);
        NextSession = sessions.FirstOrDefault(a => a.Status == AppointmentStatus.Booked && a.StartUtc > now);
        Measures = [.. (await history.ForPatientAsync(patientId, ct)).Select(s => new MeasuresView(s, Sessions.Marks, Zone, ForPatient: false))];

        SafetyPlan = await safety.CurrentPlanOfAsync(patientId, ct);
        SafetyPlanAuthor = SafetyPlan is null ? null
            : SafetyPlan.AuthoredById == me ? "you"
            : await people.OfAsync(SafetyPlan.AuthoredById, ct);

        var offered = await assessments.OfferedListAsync(ct);
        Sendable = [.. offered.Where(i => i.Rater == Rater.Patient && i.ContentBundled)];
        Rateable = [.. offered.Where(i => i.Rater == Rater.Clinician && i.ContentBundled)];
        WaitingAnswers = [.. (await records.WaitingRequestsOfAsync(patientId, ct))
            .Select(r => InstrumentCatalog.Find(r.InstrumentId) is { } i ? new Waiting(i, r.RequestedAt) : null)
            .OfType<Waiting>()];

        var plan = await records.PlanOfAsync(patientId, ct);
        Plan = new PlanInput { Phq9Every = plan.Phq9EveryNthSession, Gad7Every = plan.Gad7EveryNthSession, WsasEvery = plan.WsasEveryNthSession };
        return true;
    }

    private async Task<bool> LoadEnquiryAsync(Guid me, Guid patientId, CancellationToken ct)
    {
        EnquiryOnly = true;
        PatientId = patientId;
        await LoadPeopleAsync(me, patientId, ct);
        // Only "what brings you": the rest of the intake (medication, emergency contact, history) waits for care.
        EnquiryWhatBringsYou = (await records.IntakeOfAsync(patientId, ct))?.WhatBringsYou;
        return true;
    }

    // The patient and the viewer in one query: the viewer only for their time zone.
    private async Task LoadPeopleAsync(Guid me, Guid patientId, CancellationToken ct)
    {
        var both = await people.People.Where(p => p.Id == me || p.Id == patientId).ToListAsync(ct);
        Patient = both.Single(p => p.Id == patientId);
        Zone = ProfileChoices.ZoneOrUtc(both.Single(p => p.Id == me).TimeZoneId);
    }
}
