using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// Maintenance (docs/clinical/ipt-course.md#maintenance): after a completed review that chose it, the plan (monthly by default, 12
/// months), the step into the maintenance phase, the sessions booked one by one at the same local time (those beyond
/// the therapist's booking horizon are booked later with the same button), a PHQ-9 before every session, all through
/// <see cref="MaintenancePlanning"/>; and the relapse alerts with what the therapist did. The course closes from here.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class MaintenanceModel(TreatmentCourseService courses, TimeProvider clock, AppDbContext db, SessionHistory sessionHistory,
    MaintenancePlanning planning, CourseAlerts alerts, CoursePhases phases) : TherapistCoursePageModel(courses, clock)
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

    [BindProperty] public PlanForm Form { get; set; } = new();
    [BindProperty] public Guid AlertId { get; set; }
    [BindProperty] public string? ActionTaken { get; set; }

    /// <summary>What happened when the sessions were booked: shown once, after the press.</summary>
    public MaintenancePlanning.BookingReport? Report { get; private set; }
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
        return await AttemptAsync(async () => await ShowAsync(patientId, posted.SessionTime, await planning.PlanAsync(User.UserId(), patientId,
            new MaintenancePlanning.PlanRequest(posted.Frequency, posted.LengthMonths, posted.StartDate, posted.SessionTime, posted.NotRemittedReason), ct), ct),
            () => ReloadAsync(patientId, ct));
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
        return await AttemptAsync(async () => await ShowAsync(patientId, posted.SessionTime,
            await planning.BookRemainingAsync(User.UserId(), patientId, posted.SessionTime, ct), ct),
            () => ReloadAsync(patientId, ct));
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

    /// <summary>The page again after a booking press, with what happened shown once.</summary>
    private async Task<IActionResult> ShowAsync(Guid patientId, TimeOnly? time, MaintenancePlanning.BookingReport report, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadPlanAsync(patientId, ct);
        Form.SessionTime = time;
        Report = report;
        return Page();
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
        LastPhq9 = await planning.LastPhq9Async(course, Review, ct);
        if (Plan is { } plan)
        {
            var from = WallClock.StartOfDayUtc(plan.StartDate, Zone);
            Booked = [.. (await sessionHistory.SessionsAsync(patientId, Record.Course.TherapistId, ct)).Where(a => a.StartUtc >= from)];
        }
        return true;
    }

    public string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
