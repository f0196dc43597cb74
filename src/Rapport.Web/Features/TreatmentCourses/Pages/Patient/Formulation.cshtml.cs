using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>
/// The patient reads what they and their therapist will work on, in the therapist's words and plain names for the
/// focus, and confirms their agreement in the portal (docs/clinical/ipt-course.md#formulation: the middle phase waits for explicit agreement).
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.CourseRead, PatientIsCaller = true)]
public sealed class FormulationModel(TreatmentCourseService courses, AppDbContext db, FormulationWriting formulations, TimeProvider clock) : OwnCoursePageModel(courses, clock)
{
    [BindProperty] public bool Agree { get; set; }

    /// <summary>The formulation once the therapist has written it for the patient; before that there is nothing to read.</summary>
    public Formulation? Formulation => Record?.Formulation is { WordingForPatient: not null } f ? f : null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Course is not { } course || Formulation is null)
        {
            return NotFound();
        }
        return await AttemptAsync(async () =>
        {
            await formulations.AgreeInPortalAsync(course.PatientId, Agree, ct);
            return this.RedirectWithNotice("/my-plan/formulation", "Thank you. Your agreement is recorded and your therapist can see it.");
        }, async () =>
        {
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
        });
    }
}
