using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.CareRelationships.Pages;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Clinicians.Pages;

/// <summary>The therapist's home; reachable only after a second-factor sign-in (policy Therapist).</summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadTherapistHome)]
public sealed class HomeModel(AppDbContext db, CareAccess care, Safety.AlertScope alertScope, SessionHistory appointments,
    ProfileLookup profiles, PeopleNames people, TimeProvider clock) : PageModel
{
    /// <summary>One of today's sessions: it leads straight to its note (drafted there, or opened in the course).</summary>
    public sealed record TodaySession(Guid Id, Guid PatientId, string PatientName, DateTime LocalStart, DateTime LocalEnd, AppointmentStatus Status, bool CanJoin);

    public PeopleNames.Person Me { get; private set; } = null!;
    public TherapistProfile? Profile { get; private set; }
    public IReadOnlyList<TodaySession> Today { get; private set; } = [];
    public int OpenAlerts { get; private set; }
    /// <summary>First conversations waiting for this clinician's decision about care.</summary>
    public int FirstConversations { get; private set; }
    public int HandoversWaiting { get; private set; }
    public bool Supervises { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await people.FindAsync(User.UserId(), ct) ?? throw new NotFoundException();
        Profile = await profiles.OfAsync(Me.Id, ct);
        var me = Me.Id;
        // The same alerts as the alert list (AlertScope: decided by care now).
        OpenAlerts = await alertScope.OpenCountAsync(me, ct);
        FirstConversations = await CareWaiting.FirstConversationsAsync(db, me, ct);
        HandoversWaiting = await CareWaiting.HandoversAsync(db, me, ct);
        Supervises = await care.SuperviseesOf(me).AnyAsync(ct);

        var zone = ProfileChoices.ZoneOrUtc(Me.TimeZoneId);
        var today = WallClock.Today(clock.GetUtcNow(), zone);
        var (dayStart, dayEnd) = (WallClock.StartOfDayUtc(today, zone), WallClock.StartOfDayUtc(today.AddDays(1), zone));
        // The day's sessions from Booking, the patients' names in one more query: a clinician's day holds a handful.
        var sessions = (await appointments.OfPersonAsync(me, dayStart, dayEnd, 100, ct))
            .Where(a => a.TherapistId == me && a.Status is AppointmentStatus.Booked or AppointmentStatus.NoShow or AppointmentStatus.Attended).ToList();
        var patientIds = sessions.Select(a => a.PatientId).Distinct().ToList();
        var names = await people.OfAsync(patientIds, ct);
        Today = sessions
            .Select(a => new TodaySession(a.Id, a.PatientId, names.GetValueOrDefault(a.PatientId, ""), WallClock.Local(a.StartUtc, zone), WallClock.Local(a.EndUtc, zone), a.Status,
                JoinWindow.IsOpen(a.Status, a.StartUtc, a.EndUtc, clock.GetUtcNow())))
            .ToArray();
        return Page();
    }
}
