using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// Maintenance (docs/clinical/ipt-course.md#maintenance): after a completed review that chose it, the plan (monthly by default, 12
/// months), the step into the maintenance phase, the sessions booked one by one through <see cref="BookingService"/> at
/// the same local time (those beyond the therapist's booking horizon are booked later with the same button), a PHQ-9
/// before every session, and the relapse alerts with what the therapist did. The course closes from here.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class MaintenanceModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, BookingService booking, SessionHistory sessionHistory,
    Auditor audit, CourseAlerts alerts, CoursePhases phases) : TherapistCoursePageModel(courses, clock)
{
    public sealed class PlanForm
    {
        public MaintenanceFrequency Frequency { get; set; } = MaintenanceFrequency.Monthly;
        public int LengthMonths { get; set; } = MaintenancePlan.DefaultMonths;
        public DateOnly? StartDate { get; set; }
        /// <summary>The therapist's local time of every maintenance session.</summary>
        public TimeOnly? SessionTime { get; set; }
        /// <summary>Why monthly maintenance suits a patient whose last PHQ-9 is not in remission.</summary>
        public string? NotRemittedReason { get; set; }
    }

    /// <summary>What happened when the sessions were booked: shown once, after the press.</summary>
    public sealed record BookingReport(IReadOnlyList<DateTimeOffset> Booked, IReadOnlyList<(DateTimeOffset At, string Reason)> NotBooked,
        IReadOnlyList<DateTimeOffset> Later, int HorizonDays);

    [BindProperty] public PlanForm Form { get; set; } = new();
    [BindProperty] public Guid AlertId { get; set; }
    [BindProperty] public string? ActionTaken { get; set; }

    public BookingReport? Report { get; private set; }
    public IReadOnlyList<Appointment> Booked { get; private set; } = [];

    public TerminationReview? Review => Record?.Review;
    public MaintenancePlan? Plan => Record?.Maintenance;
    public bool MaintenanceChosen => Review is { IsCompleted: true, Decision: MaintenanceDecision.Maintenance };
    /// <summary>The course's last complete PHQ-9, else the review's end-of-acute score: decides whether monthly maintenance needs a reason.</summary>
    public int? LastPhq9 { get; private set; }
    public bool NotInRemission => !MaintenancePlan.IsRemission(LastPhq9);

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadPlanAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = Defaults();
        return Page();
    }

    /// <summary>Creates the plan, begins maintenance, keeps the PHQ-9 before every session, and books the sessions.</summary>
    public async Task<IActionResult> OnPostCreateAsync(Guid patientId, CancellationToken ct)
    {
        var posted = Form;
        if (!await LoadPlanAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = posted;
        return await AttemptAsync(async () =>
        {
            var now = Clock.GetUtcNow();
            var course = Course!;
            course.EnsureOpen();
            if (Review is null)
            {
                throw new RuleViolationException(TreatmentCourseRules.MaintenanceWasChosen,
                    "A maintenance plan follows a completed termination review in which maintenance was chosen.");
            }
            var start = posted.StartDate ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceScheduleRequired, "Choose the date of the first maintenance session.");
            var time = posted.SessionTime ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceScheduleRequired, "Choose the time of the maintenance sessions.");
            var plan = MaintenancePlan.Create(course, Review, posted.Frequency, posted.LengthMonths, start, now, LastPhq9, posted.NotRemittedReason);
            course.BeginMaintenance(Review, plan, now);
            db.MaintenancePlans.Add(plan);
            var measures = await KeepPhq9BeforeEverySessionAsync(patientId, now, ct);
            audit.Stage(AuditAction.MaintenancePlanned, subject: plan.Id.ToString(), patientId: patientId,
                detail: $"{plan.Frequency} for {plan.LengthMonths} months from {plan.StartDate:yyyy-MM-dd}");
            audit.Stage(AuditAction.CoursePhaseChanged, subject: course.Id.ToString(), patientId: patientId, detail: "maintenance");
            if (measures is not null)
            {
                audit.Stage(AuditAction.MeasurementPlanChanged, subject: patientId.ToString(), patientId: patientId, detail: measures);
            }
            await db.SaveChangesAsync(ct);
            return await BookAndShowAsync(patientId, plan, time, ct);
        }, () => ReloadAsync(patientId, ct));
    }

    /// <summary>Books the plan's sessions not yet booked (again: those that have come within the booking horizon since).</summary>
    public async Task<IActionResult> OnPostBookAsync(Guid patientId, CancellationToken ct)
    {
        var posted = Form;
        if (!await LoadPlanAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = posted;
        return await AttemptAsync(async () =>
        {
            Course!.EnsureOpen();
            var plan = Plan ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceWasChosen, "Create the maintenance plan first.");
            var time = posted.SessionTime ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceScheduleRequired, "Choose the time of the maintenance sessions.");
            return await BookAndShowAsync(patientId, plan, time, ct);
        }, () => ReloadAsync(patientId, ct));
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadPlanAsync(patientId, ct, careAction: true))
        {
            return NotFound();
        }
        Form = Defaults();
        var alert = Record!.RelapseAlerts.FirstOrDefault(a => a.Id == AlertId && a.Kind == CourseAlertKind.Relapse);
        if (alert is null)
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            await alerts.AcknowledgeAsync(User.UserId(), patientId, alert.Id, CourseAlertKind.Relapse, ActionTaken, ct);
            return this.RedirectWithNotice(CourseUrl("maintenance"), "Alert closed with what you did.");
        }, () => ReloadAsync(patientId, ct));
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid patientId, CancellationToken ct)
    {
        if (!await LoadPlanAsync(patientId, ct))
        {
            return NotFound();
        }
        Form = Defaults();
        return await AttemptAsync(async () =>
        {
            await phases.CloseAsync(User.UserId(), patientId, ct);
            return this.RedirectWithNotice(CourseUrl("maintenance"), "The course is closed. The patient keeps their review and emergency contact.");
        }, () => ReloadAsync(patientId, ct));
    }

    /// <summary>
    /// Maintenance sessions are monthly by default, and the measurement plan asks the PHQ-9 before every session: so the
    /// PHQ-9 becomes monthly with them. A therapist who had spaced it out gets "every session" back; the rest is kept.
    /// The measurement plan is the Assessments feature's entity, changed through its own method.
    /// </summary>
    private async Task<string?> KeepPhq9BeforeEverySessionAsync(Guid patientId, DateTimeOffset now, CancellationToken ct)
    {
        var measures = await db.MeasurementPlans.FirstOrDefaultAsync(p => p.PatientId == patientId, ct);
        if (measures is null || measures.Phq9EveryNthSession == 1)
        {
            return null;
        }
        measures.Change(1, measures.Gad7EveryNthSession, measures.WsasEveryNthSession, User.UserId(), now);
        return $"{InstrumentCatalog.Phq9} every 1, {InstrumentCatalog.Gad7} every {measures.Gad7EveryNthSession}, {InstrumentCatalog.Wsas} every {measures.WsasEveryNthSession}";
    }

    private async Task<IActionResult> BookAndShowAsync(Guid patientId, MaintenancePlan plan, TimeOnly time, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var therapistId = User.UserId();
        var calendar = await booking.LoadCalendarAsync(therapistId, now, now.AddDays(1), ct) ?? throw new NotFoundException("No listed therapist has that id.");
        var zone = calendar.Zone;
        var horizon = now + calendar.Policy.Horizon;
        var booked = new List<DateTimeOffset>();
        var notBooked = new List<(DateTimeOffset, string)>();
        var later = new List<DateTimeOffset>();
        foreach (var date in Occurrences(plan))
        {
            if (SlotCalculator.ToUtc(date.ToDateTime(time), zone) is not { } startUtc)
            {
                notBooked.Add((new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero), "That time does not exist on that day (the clocks change)."));
                continue;
            }
            if (startUtc > horizon)
            {
                later.Add(startUtc);
                continue;
            }
            try
            {
                var appointment = await booking.BookAsync(patientId, therapistId, startUtc, AppointmentKind.Session, ct, byClinician: true);
                booked.Add(appointment.StartUtc);
            }
            catch (RuleViolationException e)
            {
                db.ChangeTracker.Clear();
                notBooked.Add((startUtc, e.Message));
            }
        }
        await audit.RecordAsync(AuditAction.MaintenancePlanned, subject: plan.Id.ToString(), patientId: patientId,
            detail: $"{booked.Count} sessions booked, {notBooked.Count} not, {later.Count} later", ct: ct);
        db.ChangeTracker.Clear();
        await LoadPlanAsync(patientId, ct);
        Form.SessionTime = time;
        Report = new BookingReport(booked, notBooked, later, calendar.Policy.HorizonDays);
        return Page();
    }

    /// <summary>The plan's session dates: from its start, monthly (same day of the month), every two weeks or weekly, until its end.</summary>
    public static IEnumerable<DateOnly> Occurrences(MaintenancePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        for (var i = 0; ; i++)
        {
            var date = plan.Frequency switch
            {
                MaintenanceFrequency.Weekly => plan.StartDate.AddDays(7 * i),
                MaintenanceFrequency.TwiceMonthly => plan.StartDate.AddDays(14 * i),
                _ => plan.StartDate.AddMonths(i),
            };
            if (date >= plan.EndDate)
            {
                yield break;
            }
            yield return date;
        }
    }

    /// <summary>A start a month from today, at the time of the booked maintenance sessions, else of the last session, else 10:00.</summary>
    private PlanForm Defaults()
    {
        var today = WallClock.Today(Clock.GetUtcNow(), Zone);
        DateTimeOffset? usual = Booked.FirstOrDefault()?.StartUtc ?? Record?.Course.Sessions.LastOrDefault()?.At;
        return new PlanForm
        {
            StartDate = Plan?.StartDate ?? today.AddMonths(1),
            SessionTime = usual is { } at ? TimeOnly.FromDateTime(WallClock.Local(at, Zone)) : new TimeOnly(10, 0),
        };
    }

    private async Task ReloadAsync(Guid patientId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadPlanAsync(patientId, ct);
    }

    private async Task<bool> LoadPlanAsync(Guid patientId, CancellationToken ct, bool careAction = false)
    {
        if (!await LoadAsync(patientId, ct, careAction) || Record is null)
        {
            return false;
        }
        var course = Record.Course;
        LastPhq9 = await db.AssessmentResponses.AsNoTracking()
            .Where(r => r.PatientId == course.PatientId && r.InstrumentId == InstrumentCatalog.Phq9 && r.IsComplete && r.SubmittedAt >= course.OpenedAt)
            .OrderByDescending(r => r.SubmittedAt).Select(r => r.Total).FirstOrDefaultAsync(ct) ?? Review?.EndOfAcutePhq9;
        if (Plan is { } plan)
        {
            var from = WallClock.StartOfDayUtc(plan.StartDate, Zone);
            Booked = [.. (await sessionHistory.SessionsAsync(patientId, Record.Course.TherapistId, ct)).Where(a => a.StartUtc >= from)];
        }
        return true;
    }

    public string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
