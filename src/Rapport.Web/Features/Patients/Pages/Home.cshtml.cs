using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.LiveSessions;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.Patients.Pages;

/// <summary>
/// The patient's home: their therapist and next appointment once in care (never the "find a therapist" step then), an
/// offer waiting for their confirmation, the intake until it is done, measures due, progress and help in a crisis.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadPatientHome, PatientIsCaller = true)]
public sealed class HomeModel(AppDbContext db, DueMeasures dueMeasures, CrisisLines crisisLines, CareRelationshipService care, TimeProvider clock) : PageModel
{
    public sealed record Offer(Guid RelationshipId, string ClinicianName);

    /// <summary>What the home shows of the patient's own account.</summary>
    public sealed record Profile(string DisplayName, string TimeZoneId, string PreferredLanguage, string? PhoneNumber, string? CountryCode);

    /// <summary>The home keeps the crisis card short; the safety plan page lists every line.</summary>
    public const int CrisisLinesShown = 3;

    public Profile Me { get; private set; } = null!;
    public bool HasIntake { get; private set; }
    public IReadOnlyList<DueMeasure> Due { get; private set; } = [];
    public IReadOnlyList<CrisisLine> CrisisResources { get; private set; } = [];
    public bool HasSafetyPlan { get; private set; }
    /// <summary>A booked appointment whose call is open now (from 15 minutes before to 30 after), if any.</summary>
    public Guid? OpenCallId { get; private set; }
    /// <summary>The responsible clinician's name, when the patient is in someone's care.</summary>
    public string? Therapist { get; private set; }
    public IReadOnlyList<Offer> Offers { get; private set; } = [];
    public Guid? TherapistId { get; private set; }
    /// <summary>Any first conversation, offer or reply to find on the care page.</summary>
    public bool HasCareHistory { get; private set; }
    public Appointment? NextAppointment { get; private set; }
    public string? NextAppointmentAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow();
        var opensBy = now + LiveSession.OpensBeforeStart;
        var closedBefore = now - LiveSession.ClosesAfterEnd;
        // The account, the yes/no facts and the open call in one round trip: the home is every patient's first page.
        var facts = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new
        {
            Me = new Profile(u.DisplayName, u.TimeZoneId, u.PreferredLanguage, u.PhoneNumber, u.CountryCode),
            HasIntake = db.Intakes.Any(i => i.PatientId == me),
            HasSafetyPlan = db.SafetyPlanVersions.Any(p => p.PatientId == me),
            OpenCallId = db.Appointments
                .Where(a => a.PatientId == me && a.Status == AppointmentStatus.Booked && a.StartUtc <= opensBy && a.EndUtc >= closedBefore)
                .OrderBy(a => a.StartUtc).Select(a => (Guid?)a.Id).FirstOrDefault(),
        }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException();
        Me = facts.Me;
        HasIntake = facts.HasIntake;
        HasSafetyPlan = facts.HasSafetyPlan;
        OpenCallId = facts.OpenCallId;
        Due = await dueMeasures.ForPatientAsync(me, HasIntake, ct);
        CrisisResources = [.. (await crisisLines.ForCountryAsync(Me.CountryCode, ct)).Take(CrisisLinesShown)];

        var relationships = await care.OfPatientAsync(me, ct);
        var responsible = relationships.FirstOrDefault(r => r.Status == CareStatus.Accepted);
        var offered = relationships.Where(r => r.Status == CareStatus.Offered).ToList();
        HasCareHistory = relationships.Count > 0;
        TherapistId = responsible?.ClinicianId;
        var clinicianIds = offered.Select(r => r.ClinicianId).Append(responsible?.ClinicianId ?? Guid.Empty).ToList();
        var names = relationships.Count == 0 ? new Dictionary<Guid, string>()
            : await db.Users.Where(u => clinicianIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Therapist = responsible is null ? null : names.GetValueOrDefault(responsible.ClinicianId, "your therapist");
        Offers = [.. offered.Select(r => new Offer(r.Id, names.GetValueOrDefault(r.ClinicianId, "A therapist")))];
        if (responsible is not null)
        {
            NextAppointment = await db.Appointments.AsNoTracking()
                .Where(a => a.PatientId == me && a.Status == AppointmentStatus.Booked && a.StartUtc > now)
                .OrderBy(a => a.StartUtc).FirstOrDefaultAsync(ct);
            NextAppointmentAt = NextAppointment is null ? null
                : TimeText.DayAndTime(WallClock.Local(NextAppointment.StartUtc, ProfileChoices.ZoneOrUtc(Me.TimeZoneId)));
        }
        return Page();
    }
}
