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
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.Patients.Pages;

/// <summary>
/// The patient's home: their therapist and next appointment once in care, before that the first conversation they booked
/// (never the "find a therapist" step in either case), an offer waiting for their confirmation, the intake until it is done, measures due, progress and help in a crisis.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadPatientHome, PatientIsCaller = true)]
public sealed class HomeModel(AppDbContext db, DueMeasures dueMeasures, CrisisLines crisisLines, CareRelationshipService care, PeopleNames people,
    TimeProvider clock) : PageModel
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
    public Guid? NextAppointmentId { get; private set; }
    public string? NextAppointmentAt { get; private set; }
    /// <summary>Whom the next appointment is with: before care begins, the therapist of the first conversation.</summary>
    public string? NextAppointmentWith { get; private set; }

    /// <summary>Everything the home shows, as the columns of one row.</summary>
    public sealed record Facts(Profile Me, bool HasSafetyPlan, Guid? OpenCallId, DueMeasures.Facts Due, Guid? TherapistId, string? Therapist,
        bool HasCareHistory, bool HasOffers, int UnreadMessages, string? NextAppointmentWith);

    // Everything the home shows in one round trip: the home is every patient's first page, and on the embedded database
    // each query costs about as much as a whole bare request (docs/performance.md). What is rare (an offer, a measure the
    // therapist sent, the measurement plan before a session) is read only when this row says it is there.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, DateTimeOffset, DateTimeOffset, DateTimeOffset, CancellationToken, Task<Facts?>>> Compiled = new(() =>
        EF.CompileAsyncQuery(QueryPart.Splice((AppDbContext db, Guid me, DateTimeOffset now, DateTimeOffset opensBy, DateTimeOffset closedBefore, CancellationToken ct) =>
            PeopleNames.ById.Use(db, me).Select(u => new Facts(
                new Profile(u.DisplayName, u.TimeZoneId, u.PreferredLanguage, u.PhoneNumber, u.CountryCode),
                SafetyRecords.HasPlan.Use(db, me),
                SessionHistory.OpenCall.Use(db, me, opensBy, closedBefore),
                DueMeasures.FactsOf.Use(db, me, now),
                CareAccess.ResponsibleClinicianOf.Use(db, me),
                PeopleNames.NameOf.Use(db, CareAccess.ResponsibleClinicianOf.Use(db, me)),
                CareAccess.HasAnyRelationship.Use(db, me),
                CareAccess.HasOffer.Use(db, me),
                UnreadMessages.OfPatient.Use(db, me),
                PeopleNames.NameOf.Use(db, SessionHistory.BookedAhead.Use(db, me, now).Select(a => (Guid?)a.TherapistId).FirstOrDefault())))
                .SingleOrDefault())));

    private static Task<Facts?> HomeFacts(AppDbContext db, Guid me, DateTimeOffset now, DateTimeOffset opensBy, DateTimeOffset closedBefore, CancellationToken ct) =>
        Compiled.For(db)(db, me, now, opensBy, closedBefore, ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow();
        var facts = await HomeFacts(db, me, now, now + JoinWindow.OpensBeforeStart, now - JoinWindow.ClosesAfterEnd, ct)
            ?? throw new NotFoundException();
        Me = facts.Me;
        UnreadMessages.HandToLayout(HttpContext, me, facts.UnreadMessages);
        HasIntake = facts.Due.HasIntake;
        HasSafetyPlan = facts.HasSafetyPlan;
        OpenCallId = facts.OpenCallId;
        Due = await dueMeasures.ForPatientAsync(me, facts.Due, ct);
        CrisisResources = [.. (await crisisLines.ForCountryAsync(Me.CountryCode, ct)).Take(CrisisLinesShown)];

        HasCareHistory = facts.HasCareHistory;
        TherapistId = facts.TherapistId;
        Therapist = TherapistId is null ? null : facts.Therapist ?? "your therapist";
        if (facts.HasOffers)
        {
            var offered = (await care.OfPatientAsync(me, ct)).Where(r => r.Status == CareStatus.Offered).ToList();
            var clinicianIds = offered.Select(r => r.ClinicianId).ToList();
            var names = await people.OfAsync(clinicianIds, ct);
            Offers = [.. offered.Select(r => new Offer(r.Id, names.GetValueOrDefault(r.ClinicianId, "A therapist")))];
        }
        // Before anyone is responsible for the patient, the booked appointment is the first conversation they chose from
        // the directory: showing it, and not "find a therapist", is what tells them their step is done (Patients readme).
        if (facts.Due is { NextId: { } nextId, NextStartUtc: { } startUtc })
        {
            NextAppointmentId = nextId;
            NextAppointmentAt = TimeText.DayAndTime(WallClock.Local(startUtc, ProfileChoices.ZoneOrUtc(Me.TimeZoneId)));
            NextAppointmentWith = facts.NextAppointmentWith ?? "your therapist";
        }
        return Page();
    }
}
