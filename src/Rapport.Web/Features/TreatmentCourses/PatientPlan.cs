using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

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
    /// <summary>The patient's own latest course as "My plan" shows it, or null when none was opened.</summary>
    public async Task<PatientPlan?> LatestAsync(Guid patientId, CancellationToken ct)
    {
        var course = await db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);
        if (course is null)
        {
            return null;
        }
        var id = course.Id;
        // The small facts in one round trip, with whether each larger part exists at all, so a part the course has not
        // reached yet costs no query; the newest contract is "open" while it lacks a signature.
        var facts = await db.Users.Where(u => u.Id == course.TherapistId).Select(u => new
        {
            u.DisplayName,
            InForce = db.TreatmentContracts.Any(k => k.CourseId == id && k.PatientSignedAt != null && k.TherapistSignedAt != null),
            NewestUnsigned = db.TreatmentContracts.Where(k => k.CourseId == id).OrderByDescending(k => k.Version)
                .Select(k => k.PatientSignedAt == null || k.TherapistSignedAt == null).FirstOrDefault(),
            OpenRelapse = db.RelapseAlerts.Any(a => a.CourseId == id && a.AcknowledgedAt == null && a.Kind == CourseAlertKind.Relapse),
            HasDecisions = db.DecisionAnalyses.Any(d => d.CourseId == id),
            HasSignedNote = db.SessionNotes.Any(n => n.CourseId == id && n.SignedAt != null),
            HasFormulation = db.Formulations.Any(f => f.CourseId == id),
            HasReview = db.TerminationReviews.Any(r => r.CourseId == id),
        }).SingleAsync(ct);
        // Clinical text is decrypted as entities load (ClinicalTextInterceptor), so only the rows shown are loaded.
        List<DecisionAnalysis> decisions = facts.HasDecisions
            ? await db.DecisionAnalyses.AsNoTracking().Where(d => d.CourseId == id).OrderBy(d => d.OpenedAt).ToListAsync(ct)
            : [];
        var latestSigned = facts.HasSignedNote
            ? await db.SessionNotes.AsNoTracking().Where(n => n.CourseId == id && n.SignedAt != null).OrderByDescending(n => n.CreatedAt).FirstOrDefaultAsync(ct)
            : null;
        var formulation = facts.HasFormulation ? await db.Formulations.AsNoTracking().SingleOrDefaultAsync(f => f.CourseId == id, ct) : null;
        var review = facts.HasReview ? await db.TerminationReviews.AsNoTracking().SingleOrDefaultAsync(r => r.CourseId == id, ct) : null;
        return new PatientPlan(course, facts.DisplayName, decisions, latestSigned?.BetweenSessionTask, formulation, review,
            facts.InForce, facts.NewestUnsigned, facts.OpenRelapse);
    }
}
