using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// When the patient's current course began, for the measures' baseline (Assessments readme, "Baseline per course"): a new
/// course after a discharge or a closed course starts a new baseline; a course continued after a transfer does not.
/// </summary>
public sealed class CourseStarts(AppDbContext db) : ICourseStarts
{
    public sealed record Course(Guid Id, DateTimeOffset OpenedAt, DateTimeOffset? EndedAt, Guid? PreviousCourseId);

    /// <summary>A patient's courses as <see cref="Of"/> reads them; "My plan" puts it in its own query (Data/QueryPart.cs).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<AppDbContext, Guid, IQueryable<Course>>> OfPatient = (db, patientId) =>
        db.TreatmentCourses.Where(c => c.PatientId == patientId).Select(c => new Course(c.Id, c.OpenedAt, c.EndedAt, c.PreviousCourseId));

    // Asked whenever a patient's chart is drawn, so compiled once (Data/CompiledQuery.cs).
    private static readonly CompiledQuery<Func<AppDbContext, Guid, IAsyncEnumerable<Course>>> CoursesOf = new(() =>
        EF.CompileAsyncQuery<AppDbContext, Guid, Course>(QueryPart.Splice((AppDbContext db, Guid patientId) => OfPatient.Use(db, patientId))));

    public async Task<CourseStart?> CurrentAsync(Guid patientId, CancellationToken ct)
    {
        var courses = new List<Course>();
        await foreach (var course in CoursesOf.For(db)(db, patientId).WithCancellation(ct))
        {
            courses.Add(course);
        }
        return Of(courses);
    }

    /// <summary>The latest course, followed back through the courses it continues after a transfer: the end of the course before that one.</summary>
    public static CourseStart? Of(IReadOnlyList<Course> courses)
    {
        ArgumentNullException.ThrowIfNull(courses);
        var first = courses.MaxBy(c => c.OpenedAt);
        if (first is null)
        {
            return null;
        }
        var seen = new HashSet<Guid> { first.Id };
        while (first.PreviousCourseId is { } previousId && courses.FirstOrDefault(c => c.Id == previousId) is { } continued && seen.Add(continued.Id))
        {
            first = continued;
        }
        var before = courses.Where(c => c.OpenedAt < first.OpenedAt && c.EndedAt is not null).Max(c => c.EndedAt);
        return new CourseStart(before);
    }
}
