using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Maintenance after the acute course (docs/clinical/ipt-course.md#maintenance; readme, "Maintenance"): the course's own
/// therapist creates the plan from a completed review that chose it, which begins the maintenance phase, keeps the PHQ-9
/// before every session, and books the plan's sessions one by one through <see cref="BookingService"/> at the same local
/// time. Sessions beyond the booking horizon are booked later by <see cref="BookRemainingAsync"/>. The plan, the phase
/// and the measurement plan are one save with their audit entries; each booking is its own (a refused time does not undo
/// the plan), and the outcome of the whole press is audited once.
/// </summary>
public sealed class MaintenancePlanning(AppDbContext db, TreatmentCourseService courses, BookingService booking, MeasurementHistory measures,
    MeasureRequests measureRequests, Auditor audit, TimeProvider clock)
{
    /// <summary>What the therapist asked for: the plan's shape and the local time of every session.</summary>
    public sealed record PlanRequest(MaintenanceFrequency Frequency, int LengthMonths, DateOnly? StartDate, TimeOnly? SessionTime, string? NotRemittedReason);

    /// <summary>What happened when the sessions were booked.</summary>
    public sealed record BookingReport(IReadOnlyList<DateTimeOffset> Booked, IReadOnlyList<(DateTimeOffset At, string Reason)> NotBooked,
        IReadOnlyList<DateTimeOffset> Later, int HorizonDays);

    /// <summary>Creates the plan, begins maintenance, keeps the PHQ-9 before every session, and books the sessions.</summary>
    public async Task<BookingReport> PlanAsync(Guid therapistId, Guid patientId, PlanRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var review = await db.TerminationReviews.SingleOrDefaultAsync(r => r.CourseId == course.Id, ct)
            ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceWasChosen,
                "A maintenance plan follows a completed termination review in which maintenance was chosen.");
        var start = request.StartDate ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceScheduleRequired, "Choose the date of the first maintenance session.");
        var time = request.SessionTime ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceScheduleRequired, "Choose the time of the maintenance sessions.");
        var now = clock.GetUtcNow();
        var lastPhq9 = await LastPhq9Async(course, review, ct);
        var plan = MaintenancePlan.Create(course, review, request.Frequency, request.LengthMonths, start, now, lastPhq9, request.NotRemittedReason);
        course.BeginMaintenance(review, plan, now);
        db.MaintenancePlans.Add(plan);
        // Maintenance is monthly by default and the PHQ-9 is asked before every session: Assessments keeps it so (readme, "Maintenance").
        var schedule = await measureRequests.KeepPhq9BeforeEverySessionAsync(therapistId, patientId, now, ct);
        audit.Stage(AuditAction.MaintenancePlanned, subject: plan.Id.ToString(), patientId: patientId,
            detail: $"{plan.Frequency} for {plan.LengthMonths} months from {plan.StartDate:yyyy-MM-dd}");
        audit.Stage(AuditAction.CoursePhaseChanged, subject: course.Id.ToString(), patientId: patientId, detail: "maintenance");
        if (schedule is not null)
        {
            audit.Stage(AuditAction.MeasurementPlanChanged, subject: patientId.ToString(), patientId: patientId, detail: schedule);
        }
        await db.SaveChangesAsync(ct);
        return await BookAsync(therapistId, patientId, plan, time, ct);
    }

    /// <summary>Books the plan's sessions not yet booked: those that have come within the booking horizon since.</summary>
    public async Task<BookingReport> BookRemainingAsync(Guid therapistId, Guid patientId, TimeOnly? sessionTime, CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var plan = await db.MaintenancePlans.SingleOrDefaultAsync(p => p.CourseId == course.Id, ct)
            ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceWasChosen, "Create the maintenance plan first.");
        var time = sessionTime ?? throw new RuleViolationException(TreatmentCourseRules.MaintenanceScheduleRequired, "Choose the time of the maintenance sessions.");
        return await BookAsync(therapistId, patientId, plan, time, ct);
    }

    /// <summary>
    /// The course's last complete PHQ-9, else the review's end-of-acute score: it decides whether monthly maintenance
    /// needs a reason (readme, "Maintenance").
    /// </summary>
    public async Task<int?> LastPhq9Async(TreatmentCourse course, TerminationReview? review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(course);
        return await measures.LatestCompleteTotalSinceAsync(course.PatientId, InstrumentCatalog.Phq9, course.OpenedAt, ct) ?? review?.EndOfAcutePhq9;
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

    /// <summary>
    /// Books each session of the plan at the therapist's local time. A time that does not exist (the clocks change) or
    /// that booking refuses is reported and the rest go on; one beyond the booking horizon waits for a later press.
    /// </summary>
    private async Task<BookingReport> BookAsync(Guid therapistId, Guid patientId, MaintenancePlan plan, TimeOnly time, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var calendar = await booking.LoadCalendarAsync(therapistId, now, now.AddDays(1), ct) ?? throw new NotFoundException("No listed therapist has that id.");
        var horizon = now + calendar.Policy.Horizon;
        var booked = new List<DateTimeOffset>();
        var notBooked = new List<(DateTimeOffset, string)>();
        var later = new List<DateTimeOffset>();
        foreach (var date in Occurrences(plan))
        {
            if (WallClock.ToUtc(date.ToDateTime(time), calendar.Zone) is not { } startUtc)
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
                // The refused booking left nothing saved; forget what it tracked so the next one starts clean.
                db.ChangeTracker.Clear();
                notBooked.Add((startUtc, e.Message));
            }
        }
        await audit.RecordAsync(AuditAction.MaintenancePlanned, subject: plan.Id.ToString(), patientId: patientId,
            detail: $"{booked.Count} sessions booked, {notBooked.Count} not, {later.Count} later", ct: ct);
        db.ChangeTracker.Clear();
        return new BookingReport(booked, notBooked, later, calendar.Policy.HorizonDays);
    }
}
