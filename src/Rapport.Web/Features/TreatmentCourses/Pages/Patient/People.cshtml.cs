using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>
/// The patient prepares their own list of important people before the session (docs/clinical/ipt-course.md#interpersonal-inventory): add, change or remove
/// while it is a draft. Once the therapist has gone through it with them it is theirs to read, not to change.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.CourseRead, PatientIsCaller = true)]
public sealed class PeopleModel(TreatmentCourseService courses, AppDbContext db, InventoryEditing inventories, TimeProvider clock) : OwnCoursePageModel(courses, clock)
{
    [BindProperty] public PersonForm Person { get; set; } = new();
    [BindProperty] public Guid? PersonId { get; set; }

    public InventoryPerson? Editing { get; private set; }

    /// <summary>The patient may change the list: a draft, or none yet while the course is at its start.</summary>
    public bool CanEdit => Course is { IsEnded: false } course && (Record!.Inventory is { } inventory
        ? inventory.State == InventoryState.Draft
        : course.Phase is CoursePhase.Assessment or CoursePhase.Initial);

    public InventoryView View => new(Record?.Inventory, "Me", ForPatient: true, CanEdit ? "/my-plan/people" : null);
    public PersonFieldsView PersonFields => new(Person, ForPatient: true, "person");

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (edit is { } id && CanEdit)
        {
            Editing = Record?.Inventory?.People.FirstOrDefault(p => p.Id == id);
            if (Editing is null)
            {
                return NotFound();
            }
            Person = PersonForm.From(Editing);
            PersonId = id;
        }
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) =>
        ChangeAsync((inventory, now) =>
        {
            if (PersonId is { } id)
            {
                inventory.UpdatePerson(id, Person.ToDetails(), InventoryEditor.Patient, now);
                return $"{Person.Name?.Trim()} changed.";
            }
            inventory.AddPerson(Person.ToDetails(), InventoryEditor.Patient, now);
            return $"{Person.Name?.Trim()} added to your list.";
        }, ct);

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken ct) =>
        ChangeAsync((inventory, now) =>
        {
            var name = inventory.People.FirstOrDefault(p => p.Id == PersonId)?.Name;
            inventory.RemovePerson(PersonId ?? Guid.Empty, InventoryEditor.Patient, now);
            return $"{name} removed from your list.";
        }, ct);

    private async Task<IActionResult> ChangeAsync(Func<InterpersonalInventory, DateTimeOffset, string> change, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Course is not { } course)
        {
            return NotFound();
        }
        var postedId = PersonId;
        Editing = postedId is { } e ? Record!.Inventory?.People.FirstOrDefault(p => p.Id == e) : null;
        return await AttemptAsync(async () =>
        {
            var done = await inventories.AsPatientAsync(course.PatientId, change, ct);
            return this.RedirectWithNotice("/my-plan/people", done);
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            Editing = postedId is { } id ? Record?.Inventory?.People.FirstOrDefault(p => p.Id == id) : null;
        });
    }
}
