using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// What "My plan" shows of the patient's latest course, and nothing more: where the course is, the therapist's name, the
/// plans out between sessions, the task from the latest signed note, the focus in the patient's words, the completed
/// review and a few facts about the contracts and alerts, with where the course began for the measures' baseline. Each
/// part is a small record of the columns shown: clinical text is decrypted as it is read (Data/ClinicalText.cs), one key
/// derivation a value, so a column the page does not show is never read.
/// </summary>
public sealed record PatientPlan(
    PlanCourse Course,
    string TherapistName,
    IReadOnlyList<PlanTry> Tries,
    string? CurrentTask,
    PlanFocus? Formulation,
    PlanReview? Review,
    bool HasContractInForce,
    bool HasOpenContract,
    bool HasOpenRelapseAlert,
    CourseStart? Start);

/// <summary>The course as "My plan" counts it.</summary>
public sealed record PlanCourse(Guid Id, Guid TherapistId, DateTimeOffset OpenedAt, CourseCount Counts)
{
    public CoursePhase Phase => Counts.Phase;
    public int? ContractedSessions => Counts.ContractedSessions;
    public bool IsEnded => Counts.IsEnded;
}

/// <summary>
/// The plan chosen in an open decision analysis and not yet talked through: the option, and while the patient has not
/// reported on it, the plan itself (once reported, the page only says so).
/// </summary>
public sealed record PlanTry(Guid DecisionId, string? OptionText, bool Reported, string? Plan);

/// <summary>The formulation once the therapist wrote it in words for the patient.</summary>
public sealed record PlanFocus(ProblemArea PrimaryArea, ProblemArea? SecondaryArea, string WordingForPatient, string GoalLines, bool IsAgreed)
{
    public IReadOnlyList<ProblemArea> Areas => SecondaryArea is { } secondary ? [PrimaryArea, secondary] : [PrimaryArea];

    /// <inheritdoc cref="Formulation.Goals"/>
    public IReadOnlyList<string> Goals => CourseText.Lines(GoalLines);
}

/// <summary>The ending review once completed: the patient has their copy, and the emergency contact stays on "My plan".</summary>
public sealed record PlanReview(string? EmergencyContact);

/// <summary>Loads a <see cref="PatientPlan"/>.</summary>
public sealed class PatientPlans(AppDbContext db)
{
    private sealed record Row(Guid Id, Guid TherapistId, DateTimeOffset OpenedAt, CourseCount Counts, string? TherapistName,
        bool InForce, bool NewestUnsigned, bool OpenRelapse, bool AnyOpenTry, string? Task, PlanFocus? Focus, PlanReview? Review,
        List<CourseStarts.Course> Courses);

    // Every query of the page is compiled once (Data/CompiledQuery.cs): "My plan" is a page patients open often. The course
    // and every part shown as one row come in one round trip, the formulation and the review (one per course) joined; the
    // course's sessions and the patient's courses (for where this one began) are a few rows each. The newest contract is
    // "open" while it lacks a signature.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<Row?>>> Latest = new(() =>
        EF.CompileAsyncQuery(QueryPart.Splice((AppDbContext db, Guid patientId, CancellationToken ct) =>
            (from c in db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId)
             join f in db.Formulations on c.Id equals f.CourseId into formulations
             from f in formulations.DefaultIfEmpty()
             join r in db.TerminationReviews on c.Id equals r.CourseId into reviews
             from r in reviews.DefaultIfEmpty()
             orderby c.OpenedAt descending
             select new Row(c.Id, c.TherapistId, c.OpenedAt,
                 new CourseCount(c.Phase, c.ContractedSessions, c.SessionIntervalDays, c.Sessions.ToList()),
                 PeopleNames.NameOf.Use(db, c.TherapistId),
                 db.TreatmentContracts.Any(k => k.CourseId == c.Id && k.PatientSignedAt != null && k.TherapistSignedAt != null),
                 db.TreatmentContracts.Where(k => k.CourseId == c.Id).OrderByDescending(k => k.Version)
                     .Select(k => k.PatientSignedAt == null || k.TherapistSignedAt == null).FirstOrDefault(),
                 db.RelapseAlerts.Any(a => a.CourseId == c.Id && a.AcknowledgedAt == null && a.Kind == CourseAlertKind.Relapse),
                 db.DecisionAnalyses.Any(d => d.CourseId == c.Id && d.ClosedAt == null && d.Tries.Any(t => t.AdjustedAt == null)),
                 // Only the task is shown, so only the task is read, not the whole note and its amendments.
                 db.SessionNotes.Where(n => n.CourseId == c.Id && n.SignedAt != null).OrderByDescending(n => n.CreatedAt)
                     .Select(n => n.BetweenSessionTask).FirstOrDefault(),
                 f != null && f.WordingForPatient != null
                     ? new PlanFocus(f.PrimaryArea, f.SecondaryArea, f.WordingForPatient, EF.Property<string>(f, "_goals"), f.AgreedAt != null)
                     : null,
                 r != null && r.CompletedAt != null ? new PlanReview(r.EmergencyContact) : null,
                 CourseStarts.OfPatient.Use(db, c.PatientId).ToList()))
            .FirstOrDefault())));

    // A decision's tries follow one another (DecisionAnalysis.Choose waits for the last to be settled), so an open
    // decision has at most one try not yet settled: the current one.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, IAsyncEnumerable<PlanTry>>> OpenTries = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.DecisionAnalyses
            .Where(d => d.CourseId == id && d.ClosedAt == null).OrderBy(d => d.OpenedAt)
            .SelectMany(d => d.Tries.Where(t => t.AdjustedAt == null), (d, t) => new PlanTry(d.Id,
                d.Options.Where(o => o.Id == t.OptionId).Select(o => o.Text).FirstOrDefault(),
                t.ReportedAt != null,
                t.ReportedAt == null ? t.Plan : null))));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Task<TreatmentCourse?>>> LatestCourse = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid patientId) =>
            db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.OpenedAt).FirstOrDefault()));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Task<string?>>> LatestSignedTask = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid id) =>
            db.SessionNotes.Where(n => n.CourseId == id && n.SignedAt != null).OrderByDescending(n => n.CreatedAt)
                .Select(n => n.BetweenSessionTask).FirstOrDefault()));

    /// <summary>
    /// The task of the latest signed note of the patient's latest course, while that course is open; null otherwise. For
    /// a page that shows the task alone, without the rest of "My plan".
    /// </summary>
    public async Task<string?> CurrentTaskAsync(Guid patientId, CancellationToken ct)
    {
        var course = await LatestCourse.For(db)(db, patientId);
        return course is null || course.IsEnded ? null : await LatestSignedTask.For(db)(db, course.Id);
    }

    /// <summary>The patient's own latest course as "My plan" shows it, or null when none was opened.</summary>
    public async Task<PatientPlan?> LatestAsync(Guid patientId, CancellationToken ct)
    {
        if (await Latest.For(db)(db, patientId, ct) is not { } row)
        {
            return null;
        }
        // A part the course has not reached yet costs no query.
        List<PlanTry> tries = [];
        if (row.AnyOpenTry)
        {
            await foreach (var planTry in OpenTries.For(db)(db, row.Id).WithCancellation(ct))
            {
                tries.Add(planTry);
            }
        }
        return new PatientPlan(new PlanCourse(row.Id, row.TherapistId, row.OpenedAt, row.Counts), row.TherapistName ?? "", tries, row.Task,
            row.Focus, row.Review, row.InForce, row.NewestUnsigned, row.OpenRelapse, CourseStarts.Of(row.Courses));
    }
}
