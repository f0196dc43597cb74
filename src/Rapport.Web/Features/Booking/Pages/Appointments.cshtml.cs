using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Booking.Pages;

/// <summary>The caller's own appointments, as patient or as therapist: the filter is in the query itself.</summary>
[Authorize(Policy = Policies.PatientOrTherapist)]
[Audited(AuditAction.ListedAppointments)]
public sealed class AppointmentsModel(AppDbContext db, PeopleNames people, TimeProvider clock) : PageModel
{
    public const int MaxShown = 200;

    public sealed record Row(Guid Id, DateTimeOffset StartUtc, DateTimeOffset EndUtc, AppointmentStatus Status, AppointmentKind Kind, string With);

    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public IReadOnlyList<Row> Upcoming { get; private set; } = [];
    public IReadOnlyList<Row> Past { get; private set; } = [];
    public bool IsPatient => User.IsInRole(Roles.Patient);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        Zone = await ViewerZone.ResolveAsync(User, null, people, clock);
        var mine = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == me || a.TherapistId == me)
            .OrderByDescending(a => a.StartUtc)
            .Take(MaxShown)
            .Select(a => new { a.Id, a.StartUtc, a.EndUtc, a.Status, a.Kind, Other = a.PatientId == me ? a.TherapistId : a.PatientId })
            .ToListAsync(ct);
        var names = await people.OfAsync(mine.Select(a => a.Other), ct);
        var rows = mine.Select(a => new Row(a.Id, a.StartUtc, a.EndUtc, a.Status, a.Kind, names.GetValueOrDefault(a.Other, "someone"))).ToArray();

        var now = clock.GetUtcNow();
        Upcoming = rows.Where(r => r.Status == AppointmentStatus.Booked && r.EndUtc > now).OrderBy(r => r.StartUtc).ToArray();
        Past = rows.Where(r => !(r.Status == AppointmentStatus.Booked && r.EndUtc > now)).ToArray();
    }
}
