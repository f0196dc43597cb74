using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// A supervisor rates a course's fidelity (readme, rule 33): only the assigned supervisor of the course's therapist
/// (anyone else, the therapist included, gets 404), audited with the score in the same save. The ratings are read by
/// the supervisor and by the course's own therapist.
/// </summary>
public sealed class FidelityRating(AppDbContext db, TreatmentCourseService courses, PeopleNames people, Auditor audit, TimeProvider clock)
{
    public sealed record Rated(FidelityReview Review, string Rater);

    public async Task<FidelityReview> RateAsync(Guid courseId, Guid supervisorId, IReadOnlyDictionary<FidelityItem, int?> ratings, string? comment,
        CancellationToken ct)
    {
        var course = await courses.ForSupervisorAsync(courseId, supervisorId, ct);
        var review = FidelityReview.Record(course, supervisorId, ratings, comment, clock.GetUtcNow());
        db.FidelityReviews.Add(review);
        audit.Stage(AuditAction.FidelityReviewed, subject: courseId.ToString(), patientId: course.PatientId, detail: review.Score);
        await db.SaveChangesAsync(ct);
        return review;
    }

    /// <summary>The course's ratings, newest first, with each rater's name. The caller has already been let read the course.</summary>
    public async Task<IReadOnlyList<Rated>> OfCourseAsync(Guid courseId, CancellationToken ct)
    {
        // One query with the raters' names: the course page stays a fixed number of queries (CoursePagesOnlyReadTests).
        var rows = await (from f in db.FidelityReviews.AsNoTracking().Where(f => f.CourseId == courseId)
                          join u in people.People on f.ReviewerId equals u.Id into raters
                          from u in raters.DefaultIfEmpty()
                          orderby f.At descending
                          select new { Review = f, Name = u == null ? null : u.DisplayName }).ToListAsync(ct);
        return [.. rows.Select(r => new Rated(r.Review, r.Name ?? "Unknown"))];
    }
}
