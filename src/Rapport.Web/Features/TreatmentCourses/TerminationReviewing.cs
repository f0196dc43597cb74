using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The termination review (docs/clinical/ipt-course.md#termination; readme, "Termination"): the course's own therapist
/// writes it as a draft and completes it, which locks it and gives the patient their copy. The scores compared are taken
/// here from the measurement history, never from the form, and kept with the review when it is completed. One save with
/// its audit entry; a draft changed by someone else since the form was opened is refused as a stale write.
/// </summary>
public sealed class TerminationReviewing(AppDbContext db, TreatmentCourseService courses, MeasurementHistory history, Auditor audit, TimeProvider clock)
{
    /// <summary>The measures compared at the end of the course (docs/clinical/ipt-course.md#termination), in this order.</summary>
    public static readonly IReadOnlyList<string> Compared = [InstrumentCatalog.Phq9, InstrumentCatalog.Gad7, InstrumentCatalog.Wsas];

    /// <summary>What the therapist wrote, with the version of the draft the form was opened on.</summary>
    public sealed record Draft(int Version, string? GainsInOwnWords, IReadOnlyList<WarningSign> WarningSigns, IReadOnlyList<AnticipatedProblem> AnticipatedProblems,
        string? EmergencyContact, MaintenanceDecision Decision, string? DecisionNote);

    public async Task<TerminationReview> SaveAsync(Guid therapistId, Guid patientId, Draft draft, bool complete, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var now = clock.GetUtcNow();
        var review = await db.TerminationReviews.SingleOrDefaultAsync(r => r.CourseId == course.Id, ct);
        if (review is null)
        {
            review = TerminationReview.Start(course, now);
            db.TerminationReviews.Add(review);
        }
        else if (!review.IsCompleted && review.Version != draft.Version)
        {
            throw new DbUpdateConcurrencyException("The review changed since the form was opened.");
        }
        review.Edit(new TerminationReview.Details(ScoresFor(await history.ForPatientAsync(patientId, ct), review), draft.GainsInOwnWords,
            draft.WarningSigns, draft.AnticipatedProblems, draft.EmergencyContact, draft.Decision, draft.DecisionNote), now);
        if (complete)
        {
            review.Complete(therapistId, now);
        }
        audit.Stage(AuditAction.TerminationReviewSaved, subject: review.Id.ToString(), patientId: patientId, detail: complete ? "completed" : "draft");
        await db.SaveChangesAsync(ct);
        return review;
    }

    /// <summary>
    /// First against latest score of each compared measure: a completed review keeps the scores it was completed with; a
    /// draft takes the latest from the history.
    /// </summary>
    public static IReadOnlyList<ScoreComparison> ScoresFor(IReadOnlyList<MeasurementSeries> series, TerminationReview? review)
    {
        ArgumentNullException.ThrowIfNull(series);
        return review is { IsCompleted: true } done ? done.Scores
            : [.. Compared.Select(id => series.FirstOrDefault(s => s.Instrument.Id == id))
                .Where(s => s?.Baseline?.Total is not null && s.Latest?.Total is not null)
                .Select(s => new ScoreComparison(s!.Instrument.ShortName, s.Baseline!.Total!.Value, s.Latest!.Total!.Value))];
    }
}
