using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// A change to the interpersonal inventory (docs/clinical/ipt-course.md#interpersonal-inventory), by the course's own
/// therapist or, while it is a draft, by the patient: the inventory is started when the first person is added, the
/// change is one of the inventory's guarded methods, and it is audited in the same save. Anyone else meets "not found".
/// </summary>
public sealed class InventoryEditing(AppDbContext db, TreatmentCourseService courses, Auditor audit, TimeProvider clock)
{
    /// <summary>Runs <paramref name="change"/> on the therapist's own open course's inventory; returns what it returns.</summary>
    public async Task<T> AsTherapistAsync<T>(Guid therapistId, Guid patientId, Func<InterpersonalInventory, DateTimeOffset, T> change,
        CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        return await ChangeAsync(course, change, inventory => $"{inventory.People.Count} people; {inventory.State.ToString().ToLowerInvariant()}", ct);
    }

    /// <summary>Runs <paramref name="change"/> on the patient's own draft inventory, which they may start only early in the course.</summary>
    public async Task<T> AsPatientAsync<T>(Guid patientId, Func<InterpersonalInventory, DateTimeOffset, T> change, CancellationToken ct)
    {
        var course = await courses.LatestForPatientAsync(patientId, ct) ?? throw new NotFoundException("No course yet.");
        if (course.Phase is not (CoursePhase.Assessment or CoursePhase.Initial)
            && !await db.InterpersonalInventories.AnyAsync(i => i.CourseId == course.Id, ct))
        {
            throw new RuleViolationException(TreatmentCourseRules.InventoryPatientEditsOnlyDraft,
                "Your therapist keeps your list of important people now; talk it through with them in your next session.");
        }
        return await ChangeAsync(course, change, inventory => $"{inventory.People.Count} people; by the patient", ct);
    }

    private async Task<T> ChangeAsync<T>(TreatmentCourse course, Func<InterpersonalInventory, DateTimeOffset, T> change,
        Func<InterpersonalInventory, string> detail, CancellationToken ct)
    {
        course.EnsureOpen();
        var now = clock.GetUtcNow();
        var inventory = await db.InterpersonalInventories.SingleOrDefaultAsync(i => i.CourseId == course.Id, ct);
        if (inventory is null)
        {
            inventory = InterpersonalInventory.Start(course, now);
            db.InterpersonalInventories.Add(inventory);
        }
        var result = change(inventory, now);
        audit.Stage(AuditAction.InventorySaved, subject: inventory.Id.ToString(), patientId: course.PatientId, detail: detail(inventory));
        await db.SaveChangesAsync(ct);
        return result;
    }
}
