using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Supervisor;

/// <summary>
/// Supervision: the IPT courses of the therapists this clinician supervises (assigned by the clinic's admin), read-only,
/// with the latest fidelity score. Admins run the clinic and do not read clinical content; nothing here changes a course.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SupervisionRead)]
public sealed class SupervisionModel(AppDbContext db, CareRelationships.CareAccess care, PeopleNames people) : PageModel
{
    public sealed record Row(Guid CourseId, string Patient, CoursePhase Phase, string Progress, DateTimeOffset OpenedAt, string? FidelityScore);

    public IReadOnlyList<(string Therapist, IReadOnlyList<Row> Courses)> ByTherapist { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var supervisees = care.SuperviseesOf(User.UserId());
        var readable = care.PatientsWhoseRecordIsReadBy(User.UserId());
        var courses = await db.TreatmentCourses.AsNoTracking().Where(c => supervisees.Contains(c.TherapistId) && readable.Contains(c.PatientId))
            .OrderByDescending(c => c.OpenedAt).ToListAsync(ct);
        var names = await people.OfAsync(courses.SelectMany(c => new[] { c.PatientId, c.TherapistId }), ct);
        var courseIds = courses.Select(c => c.Id).ToList();
        var latest = (await db.FidelityReviews.AsNoTracking().Where(f => courseIds.Contains(f.CourseId)).ToListAsync(ct))
            .GroupBy(f => f.CourseId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.At)!.Score);
        ByTherapist = [.. courses.GroupBy(c => c.TherapistId)
            .Select(g => (names.GetValueOrDefault(g.Key, "Unknown"), (IReadOnlyList<Row>)[.. g.Select(c => new Row(c.Id, names.GetValueOrDefault(c.PatientId, "Unknown"),
                c.Phase, CourseWords.Progress(c), c.OpenedAt, latest.TryGetValue(c.Id, out var score) ? score : null))]))
            .OrderBy(t => t.Item1, StringComparer.CurrentCultureIgnoreCase)];
    }
}
