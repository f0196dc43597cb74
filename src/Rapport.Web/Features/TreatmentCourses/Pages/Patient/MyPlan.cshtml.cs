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
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>
/// "My plan": where the patient is in their course, in plain words and readable on a phone. Only what the
/// therapist wrote for them is shown: the focus appears once the formulation has its wording for the patient. In
/// maintenance it shows the next check-in, and after a rise in their scores a kind offer of an earlier session. The
/// emergency contact from the ending review stays after the course has closed.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.CourseRead, PatientIsCaller = true)]
public sealed class MyPlanModel(PatientPlans plans, AppDbContext db, MeasurementHistory history, SessionHistory sessionHistory, CrisisLines crisisLines,
    TimeProvider clock) : PageModel
{
    public const int CrisisLinesShown = 3;

    public PatientPlan? Plan { get; private set; }
    public PlanCourse? Course => Plan?.Course;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public MeasuresView? Phq9 { get; private set; }
    public SessionDate? NextSession { get; private set; }
    public IReadOnlyList<CrisisLine> CrisisResources { get; private set; } = [];

    /// <summary>Plans chosen with the therapist that wait for the patient's "how did it go?".</summary>
    public IReadOnlyList<PlanTry> WaitingForReport => Plan is null ? [] : [.. Plan.Tries.Where(t => !t.Reported)];

    /// <summary>Plans the patient already reported on, to be talked through at the next session.</summary>
    public IReadOnlyList<PlanTry> Reported => Plan is null ? [] : [.. Plan.Tries.Where(t => t.Reported)];

    /// <summary>The focus in the therapist's words for the patient; null until they wrote it.</summary>
    public PlanFocus? Focus => Plan?.Formulation;

    /// <summary>The ending review, once completed.</summary>
    public PlanReview? Review => Plan?.Review;

    public bool EarlierSessionOffered => Course is { Phase: CoursePhase.Maintenance } && Plan!.HasOpenRelapseAlert;

    private sealed record Whereabouts(string TimeZoneId, string? Country);

    // Compiled once (Data/CompiledQuery.cs): "My plan" is a page patients open often.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<Whereabouts?>>> ZoneAndCountry = new(() =>
        EF.CompileAsyncQuery(QueryPart.Splice((AppDbContext db, Guid me, CancellationToken ct) => PeopleNames.ById.Use(db, me)
            .Select(p => new Whereabouts(p.TimeZoneId, CrisisLines.CountryOf.Use(db, me))).SingleOrDefault())));

    /// <summary>Reads only: the course's count of sessions is kept by <see cref="CourseAttendance"/> when an appointment's outcome is settled.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        // The zone and the country for the crisis lines in one round trip (the lines themselves are kept in memory); the
        // country is the one given in the intake, else the account's, as CrisisLines.CountryOfAsync says.
        var where = await ZoneAndCountry.For(db)(db, me, ct) ?? throw new NotFoundException();
        Zone = ProfileChoices.ZoneOrUtc(where.TimeZoneId);
        CrisisResources = [.. (await crisisLines.ForCountryAsync(where.Country, ct)).Take(CrisisLinesShown)];
        Plan = await plans.LatestAsync(me, ct);
        if (Plan is not { Course: var course })
        {
            return;
        }
        var now = clock.GetUtcNow();
        var sessions = await sessionHistory.DatesOfAsync(me, course.TherapistId, ct);
        NextSession = sessions.FirstOrDefault(a => a.Status == AppointmentStatus.Booked && a.StartUtc > now);
        if ((await history.ForPatientAsync(me, InstrumentCatalog.Phq9Instrument, Plan.Start, ct)) is { } phq9)
        {
            Phq9 = new MeasuresView(phq9, SessionNumbering.Of(sessions, [course.Counts], now).Marks, Zone, ForPatient: true);
        }
    }

    public string Local(DateTimeOffset utc) => TimeText.DayAndTime(WallClock.Local(utc, Zone));
}
