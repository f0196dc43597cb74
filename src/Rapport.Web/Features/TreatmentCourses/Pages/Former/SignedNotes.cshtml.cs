using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Former;

/// <summary>
/// The session notes a clinician signed for a patient, kept readable for them after the care relationship ended
/// (discharged, transferred, declined): record-keeping, and nothing else of the record. The query itself is the
/// check: only notes this clinician signed, of this patient; none at all answers 404.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SignedNotesRead)]
public sealed class SignedNotesModel(AppDbContext db, PeopleNames people) : PageModel
{
    public string PatientName { get; private set; } = "";
    public IReadOnlyList<SessionNote> Notes { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken ct)
    {
        var me = User.UserId();
        // Entities, not projections: note text is clinical text, decrypted as the entity loads.
        Notes = await db.SessionNotes.AsNoTracking().Where(n => n.PatientId == patientId && n.TherapistId == me && n.SignedAt != null)
            .OrderBy(n => n.CreatedAt).ToListAsync(ct);
        if (Notes.Count == 0)
        {
            return NotFound();
        }
        PatientName = await people.OfAsync(patientId, ct) ?? "";
        Zone = await people.ZoneOfAsync(me, ct);
        return Page();
    }

    public string Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
