using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.LiveSessions;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.Patients.Pages;

/// <summary>The patient's home: the next step, the intake until it is done, measures due, progress and help in a crisis.</summary>
[Authorize(Policy = Policies.Patient)]
public sealed class HomeModel(UserManager<RapportUser> users, AppDbContext db, DueMeasures dueMeasures, CrisisLines crisisLines,
    TimeProvider clock) : PageModel
{
    /// <summary>The home keeps the crisis card short; the safety plan page lists every line.</summary>
    public const int CrisisLinesShown = 3;

    public RapportUser Me { get; private set; } = null!;
    public bool HasIntake { get; private set; }
    public IReadOnlyList<DueMeasure> Due { get; private set; } = [];
    public IReadOnlyList<CrisisResource> CrisisResources { get; private set; } = [];
    public bool HasSafetyPlan { get; private set; }
    /// <summary>A booked appointment whose call is open now (from 15 minutes before to 30 after), if any.</summary>
    public Appointment? OpenCall { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await users.GetUserAsync(User) ?? throw new NotFoundException();
        HasIntake = await db.Intakes.AnyAsync(i => i.PatientId == Me.Id, ct);
        Due = await dueMeasures.ForPatientAsync(Me.Id, ct);
        CrisisResources = [.. (await crisisLines.ForCountryAsync(Me.CountryCode, ct)).Take(CrisisLinesShown)];
        HasSafetyPlan = await db.SafetyPlanVersions.AnyAsync(p => p.PatientId == Me.Id, ct);
        var now = clock.GetUtcNow();
        var opensBy = now + LiveSession.OpensBeforeStart;
        var closedBefore = now - LiveSession.ClosesAfterEnd;
        OpenCall = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == Me.Id && a.Status == AppointmentStatus.Booked && a.StartUtc <= opensBy && a.EndUtc >= closedBefore)
            .OrderBy(a => a.StartUtc).FirstOrDefaultAsync(ct);
        return Page();
    }
}
