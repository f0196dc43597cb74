using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>
/// The interpersonal inventory with the therapist (docs/clinical/ipt-course.md#interpersonal-inventory): the closeness circle and its table, add,
/// change or remove a person with every field, and complete the list together. The patient's own draft shows as
/// prepared by the patient; once completed only the therapist changes it.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.CourseRead)]
public sealed class InventoryModel(TreatmentCourseService courses, AppDbContext db, InventoryEditing inventories, TimeProvider clock)
    : TherapistCoursePageModel(courses, clock)
{
    [BindProperty] public PersonForm Person { get; set; } = new();
    [BindProperty] public Guid? PersonId { get; set; }

    /// <summary>The person being changed (from ?edit=), or null when the form adds someone.</summary>
    public InventoryPerson? Editing { get; private set; }

    public InventoryView View => new(Record?.Inventory, FirstName(Record?.Patient.DisplayName), ForPatient: false,
        Course is { IsEnded: false } ? CourseUrl("inventory") : null);

    public PersonFieldsView PersonFields => new(Person, ForPatient: false, "person");

    public async Task<IActionResult> OnGetAsync(Guid patientId, Guid? edit, CancellationToken ct)
    {
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (edit is { } id)
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

    public Task<IActionResult> OnPostSaveAsync(Guid patientId, CancellationToken ct) =>
        ChangeAsync(patientId, (inventory, now) =>
        {
            if (PersonId is { } id)
            {
                inventory.UpdatePerson(id, Person.ToDetails(), InventoryEditor.Therapist, now);
                return $"{Person.Name?.Trim()} changed.";
            }
            inventory.AddPerson(Person.ToDetails(), InventoryEditor.Therapist, now);
            return $"{Person.Name?.Trim()} added.";
        }, ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid patientId, CancellationToken ct) =>
        ChangeAsync(patientId, (inventory, now) =>
        {
            var name = inventory.People.FirstOrDefault(p => p.Id == PersonId)?.Name;
            inventory.RemovePerson(PersonId ?? Guid.Empty, InventoryEditor.Therapist, now);
            return $"{name} removed.";
        }, ct);

    public Task<IActionResult> OnPostCompleteAsync(Guid patientId, CancellationToken ct) =>
        ChangeAsync(patientId, (inventory, now) =>
        {
            inventory.Complete(InventoryEditor.Therapist, User.UserId(), now);
            return "The inventory is complete. From now on only you change it.";
        }, ct);

    private async Task<IActionResult> ChangeAsync(Guid patientId, Func<InterpersonalInventory, DateTimeOffset, string> change, CancellationToken ct)
    {
        var posted = Person;
        var postedId = PersonId;
        if (!await LoadAsync(patientId, ct))
        {
            return NotFound();
        }
        if (Course is not { } course)
        {
            return NotFound();
        }
        Person = posted;
        PersonId = postedId;
        Editing = postedId is { } e ? Record!.Inventory?.People.FirstOrDefault(p => p.Id == e) : null;
        return await AttemptAsync(async () =>
        {
            var done = await inventories.AsTherapistAsync(User.UserId(), patientId, change, ct);
            return this.RedirectWithNotice(CourseUrl("inventory"), done);
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(patientId, ct);
            Editing = postedId is { } id ? Record?.Inventory?.People.FirstOrDefault(p => p.Id == id) : null;
        });
    }

    internal static string FirstName(string? displayName) =>
        displayName?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "The patient";
}
