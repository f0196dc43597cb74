using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>The patient's own copy of their completed termination review (docs/clinical/ipt-course.md#termination): read-only and printable. Drafts are not shown.</summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.CourseRead, PatientIsCaller = true)]
public sealed class MyReviewModel(AppDbContext db, PeopleNames people) : PageModel
{
    public TerminationReview? Review { get; private set; }
    public string? TherapistName { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        Zone = await people.ZoneOfAsync(me, ct);
        // The review of the patient's latest course that has a completed one.
        Review = (await db.TerminationReviews.AsNoTracking().Where(r => r.PatientId == me && r.CompletedAt != null).ToListAsync(ct))
            .MaxBy(r => r.CompletedAt);
        if (Review is { CompletedById: { } by })
        {
            TherapistName = await people.OfAsync(by, ct);
        }
    }

    public string Day(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
