using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// What "My plan" shows of the patient's latest course, and nothing more: the course, the therapist's name, the plans
/// out between sessions, the task from the latest signed note, the formulation, the review and a few facts about the
/// contracts and alerts. Read without tracking, in a handful of queries whatever the length of the course: the page
/// only reads (a GET never writes, readme "Attendance").
/// </summary>
public sealed record PatientPlan(
    TreatmentCourse Course,
    string TherapistName,
    IReadOnlyList<DecisionAnalysis> Decisions,
    string? CurrentTask,
    Formulation? Formulation,
    TerminationReview? Review,
    bool HasContractInForce,
    bool HasOpenContract,
    bool HasOpenRelapseAlert);

/// <summary>Loads a <see cref="PatientPlan"/>.</summary>
public sealed class PatientPlans(AppDbContext db)
{
    /// <summary>The small facts in one round trip, with whether each larger part exists at all.</summary>
    private sealed record Facts(string TherapistName, bool InForce, bool NewestUnsigned, bool OpenRelapse,
        bool HasDecisions, bool HasSignedNote, bool HasFormulation, bool HasReview);

    // Every query of the page is compiled once (Data/CompiledQuery.cs): "My plan" is a page patients open often.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, Task<TreatmentCourse?>>> LatestCourse = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid patientId) =>
            db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.OpenedAt).FirstOrDefault()));

    // The newest contract is "open" while it lacks a signature.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, Task<Facts>>> CourseFacts = new(() =>
        EF.CompileAsyncQuery(QueryPart.Splice((AppDbContext db, Guid therapistId, Guid id) => PeopleNames.ById.Use(db, therapistId).Select(u => new Facts(
            u.DisplayName,
            db.TreatmentContracts.Any(k => k.CourseId == id && k.PatientSignedAt != null && k.TherapistSignedAt != null),
            db.TreatmentContracts.Where(k => k.CourseId == id).OrderByDescending(k => k.Version)
                .Select(k => k.PatientSignedAt == null || k.TherapistSignedAt == null).FirstOrDefault(),
            db.RelapseAlerts.Any(a => a.CourseId == id && a.AcknowledgedAt == null && a.Kind == CourseAlertKind.Relapse),
            db.DecisionAnalyses.Any(d => d.CourseId == id),
            db.SessionNotes.Any(n => n.CourseId == id && n.SignedAt != null),
            db.Formulations.Any(f => f.CourseId == id),
            db.TerminationReviews.Any(r => r.CourseId == id))).Single())));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, IAsyncEnumerable<DecisionAnalysis>>> Decisions = new(() =>
        EF.CompileAsyncQuery<AppDbContext, Guid, DecisionAnalysis>((db, id) =>
            db.DecisionAnalyses.AsNoTracking().Where(d => d.CourseId == id).OrderBy(d => d.OpenedAt)));

    // Only the task is shown, so only the task is read and decrypted, not the whole note and its amendments.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, Task<string?>>> LatestSignedTask = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid id) =>
            db.SessionNotes.Where(n => n.CourseId == id && n.SignedAt != null).OrderByDescending(n => n.CreatedAt)
                .Select(n => n.BetweenSessionTask).FirstOrDefault()));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Task<Formulation?>>> CourseFormulation = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Formulations.AsNoTracking().SingleOrDefault(f => f.CourseId == id)));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Task<TerminationReview?>>> CourseReview = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.TerminationReviews.AsNoTracking().SingleOrDefault(r => r.CourseId == id)));

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
        var course = await LatestCourse.For(db)(db, patientId);
        if (course is null)
        {
            return null;
        }
        var id = course.Id;
        // A part the course has not reached yet costs no query.
        var facts = await CourseFacts.For(db)(db, course.TherapistId, id);
        // Clinical text is decrypted as rows load (ClinicalTextCipher), so only the rows shown are loaded.
        List<DecisionAnalysis> decisions = [];
        if (facts.HasDecisions)
        {
            await foreach (var decision in Decisions.For(db)(db, id).WithCancellation(ct))
            {
                decisions.Add(decision);
            }
        }
        var task = facts.HasSignedNote ? await LatestSignedTask.For(db)(db, id) : null;
        var formulation = facts.HasFormulation ? await CourseFormulation.For(db)(db, id) : null;
        var review = facts.HasReview ? await CourseReview.For(db)(db, id) : null;
        return new PatientPlan(course, facts.TherapistName, decisions, task, formulation, review,
            facts.InForce, facts.NewestUnsigned, facts.OpenRelapse);
    }
}
