using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Platform;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking;

/// <summary>One occurrence of a requested series that cannot be booked, with bookable times near it.</summary>
public sealed record SeriesConflict(int Index, DateTimeOffset? RequestedStartUtc, string Reason, IReadOnlyList<Slot> Alternatives);

/// <summary>The answer to a series request: all booked, or nothing booked and every conflict listed.</summary>
public sealed record SeriesOutcome(Guid? SeriesId, IReadOnlyList<Appointment> Booked, IReadOnlyList<SeriesConflict> Conflicts)
{
    public bool Succeeded => Conflicts.Count == 0;
}

/// <summary>
/// The booking operations every caller uses (pages, API, and the treatment contract, which books the
/// whole course through <see cref="BookSeriesAsync"/>). Each loads a therapist's calendar with a fixed
/// number of indexed queries, checks the request against the offered slots, and writes in one
/// transaction whose overlap guard lives in the database. Each change stages its audit entry in that transaction
/// (Audit readme, "audit where the action happens"), so a booking made through the API is recorded like one made
/// on a page; a refused change is recorded on its own, since nothing was saved.
/// </summary>
public sealed class BookingService(AppDbContext db, TimeProvider clock, AppointmentMail mail, NextFreeCache nextFree,
    CareRelationshipService care, CareAccess access, BookingWriteLimit writeLimit, AppointmentOutcomes outcomes, Auditor audit,
    PeopleNames people, ProfileLookup profiles)
{
    public const int MaxSeriesCount = 24;
    public static readonly TimeSpan MaxSlotRange = TimeSpan.FromDays(62);

    /// <summary>Loads what slot maths needs for one therapist: 4 queries whatever the range.</summary>
    public async Task<TherapistCalendar?> LoadCalendarAsync(Guid therapistId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct)
    {
        var calendars = await LoadCalendarsAsync([therapistId], fromUtc, toUtc, ct);
        return calendars.GetValueOrDefault(therapistId);
    }

    /// <summary>Loads calendars for many listed therapists at once (the directory): still 4 queries, never one per therapist or day.</summary>
    public async Task<IReadOnlyDictionary<Guid, TherapistCalendar>> LoadCalendarsAsync(IReadOnlyCollection<Guid> therapistIds,
        DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct)
    {
        var listed = await (from p in profiles.Approved
                            join u in people.People on p.UserId equals u.Id
                            where therapistIds.Contains(p.UserId)
                            select new { p.UserId, u.TimeZoneId }).ToListAsync(ct);
        var ids = listed.Select(l => l.UserId).ToArray();
        var policies = await db.BookingPolicies.AsNoTracking().Where(p => ids.Contains(p.TherapistId)).ToDictionaryAsync(p => p.TherapistId, ct);
        var windows = (await db.AvailabilityWindows.AsNoTracking().Where(w => ids.Contains(w.TherapistId)).ToListAsync(ct)).ToLookup(w => w.TherapistId);
        var exceptions = (await db.AvailabilityExceptions.AsNoTracking()
            .Where(e => ids.Contains(e.TherapistId) && e.StartUtc < toUtc && e.EndUtc > fromUtc).ToListAsync(ct)).ToLookup(e => e.TherapistId);
        // A booking may begin before the range and still block its start (buffer), so look back one day.
        var lookBack = fromUtc.AddDays(-1);
        var busy = (await db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.TherapistId) && a.Status == AppointmentStatus.Booked && a.StartUtc < toUtc && a.StartUtc >= lookBack)
            .Select(a => new { a.TherapistId, a.StartUtc, a.BlockedUntilUtc }).ToListAsync(ct)).ToLookup(a => a.TherapistId);

        return listed.ToDictionary(l => l.UserId, l => new TherapistCalendar(
            TimeZoneInfo.FindSystemTimeZoneById(l.TimeZoneId),
            policies.GetValueOrDefault(l.UserId) ?? BookingPolicy.Default(l.UserId),
            windows[l.UserId].ToArray(),
            exceptions[l.UserId].ToArray(),
            busy[l.UserId].Select(b => new BusySpan(b.StartUtc, b.BlockedUntilUtc)).ToArray()));
    }

    public async Task<IReadOnlyList<Slot>> SlotsAsync(Guid therapistId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct)
    {
        InputRules.EnsureInRange(fromUtc, "from");
        InputRules.EnsureInRange(toUtc, "to");
        if (toUtc <= fromUtc || toUtc - fromUtc > MaxSlotRange)
        {
            throw new RuleViolationException(BookingRules.RangeTooLong, $"Ask for a range of at most {MaxSlotRange.TotalDays:0} days, ending after it starts.");
        }
        var calendar = await LoadCalendarAsync(therapistId, fromUtc, toUtc, ct) ?? throw new NotFoundException("No listed therapist has that id.");
        return SlotCalculator.Compute(calendar, fromUtc, toUtc, clock.GetUtcNow());
    }

    /// <summary>
    /// Books one appointment at an offered slot. Throws a rule violation (409) when the time is not offered or was just
    /// taken. Booking rights follow care: a patient books sessions with the clinician responsible for them, and
    /// otherwise a first conversation, which opens an enquiry in the same transaction (at most one booked per
    /// clinician, at most <c>Booking:MaxOpenEnquiries</c> open). A clinician books only for a patient in their care.
    /// </summary>
    public async Task<Appointment> BookAsync(Guid patientId, Guid therapistId, DateTimeOffset startUtc, AppointmentKind kind, CancellationToken ct,
        bool byClinician = false)
    {
        InputRules.EnsureInRange(startUtc, "start");
        try
        {
            return await BookOneAsync(patientId, therapistId, startUtc, kind, byClinician, ct);
        }
        catch (RuleViolationException e)
        {
            await audit.RecordAsync(AuditAction.AppointmentBooked, AuditOutcome.Failure, userId: byClinician ? therapistId : patientId,
                subject: $"therapist {therapistId}", detail: e.Rule, patientId: patientId, ct: ct);
            throw;
        }
    }

    private async Task<Appointment> BookOneAsync(Guid patientId, Guid therapistId, DateTimeOffset startUtc, AppointmentKind kind, bool byClinician,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A second press of the same button on a slow link finds the booking the first press made.
        var mine = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.PatientId == patientId && a.TherapistId == therapistId
            && a.StartUtc == startUtc && a.Status == AppointmentStatus.Booked, ct);
        if (mine is not null)
        {
            return mine;
        }
        if (!byClinician)
        {
            writeLimit.Take(patientId);
        }
        await RequirePhoneNumberAsync(patientId, byClinician, ct);
        var calendar = await LoadCalendarAsync(therapistId, startUtc.AddDays(-1), startUtc.AddDays(1), ct)
            ?? throw new NotFoundException("No listed therapist has that id.");
        await RequireLicenceWhereThePatientLivesAsync(patientId, therapistId, byClinician, ct);
        var standing = byClinician ? await InCareOfAsync(therapistId, patientId, ct) : await care.BookingCareAsync(patientId, therapistId, ct);
        if (standing == BookingCare.InCare)
        {
            kind = AppointmentKind.Session;
        }
        else
        {
            kind = AppointmentKind.Assessment;
            if (standing == BookingCare.NewEnquiry && !await profiles.Profiles.AnyAsync(p => p.UserId == therapistId && p.AcceptingNewPatients, ct))
            {
                throw new RuleViolationException(BookingRules.NotAcceptingNewPatients, "This therapist is not taking new patients at the moment.");
            }
            if (await db.Appointments.AnyAsync(a => a.TherapistId == therapistId && a.PatientId == patientId && a.Status == AppointmentStatus.Booked
                && a.EndUtc > now, ct))
            {
                throw new RuleViolationException(BookingRules.OneFirstConversation,
                    "You already have a first conversation booked with this therapist. Move it from your appointments if the time does not suit you; further sessions are booked once you are in their care.");
            }
            // One first conversation per enquiry: once it has taken place (or was missed), the clinician decides; a
            // second one would only put the decision off. A cancelled one may be booked again.
            if (standing == BookingCare.OpenEnquiry && await care.OpenEnquirySinceAsync(patientId, therapistId, ct) is { } since
                && await db.Appointments.AnyAsync(a => a.TherapistId == therapistId && a.PatientId == patientId && a.Kind == AppointmentKind.Assessment
                    && a.Status != AppointmentStatus.Cancelled && a.StartUtc >= since && a.StartUtc <= now, ct))
            {
                throw new RuleViolationException(BookingRules.OneFirstConversation,
                    "Your first conversation with this therapist has taken place. They will reply about your care on your care page.");
            }
        }
        EnsureOffered(calendar, startUtc, now);
        var appointment = Appointment.Book(therapistId, patientId, startUtc, calendar.Policy.Session, calendar.Policy.Buffer, kind, now);
        if (standing != BookingCare.InCare)
        {
            await care.FirstConversationBookedAsync(patientId, therapistId, startUtc, ct);
        }
        if (standing == BookingCare.NewEnquiry)
        {
            care.StageEnquiryOpened(patientId, therapistId);
        }
        audit.Stage(AuditAction.AppointmentBooked, userId: byClinician ? therapistId : patientId, subject: appointment.Id.ToString(),
            detail: kind == AppointmentKind.Assessment ? $"first conversation with therapist {therapistId}" : $"session with therapist {therapistId}",
            patientId: patientId);
        await SaveBookedAsync([appointment], ct);
        return appointment;
    }

    /// <summary>
    /// A whole series from the clinician (the JSON API): only for a patient they are responsible for. Patients never
    /// book a series themselves: the series comes from signing the treatment contract or from their clinician.
    /// </summary>
    public async Task<SeriesOutcome> BookSeriesByClinicianAsync(Guid clinicianId, Guid patientId, DateTimeOffset firstStartUtc, int count, CancellationToken ct)
    {
        await InCareOfAsync(clinicianId, patientId, ct);
        return await BookSeriesAsync(patientId, clinicianId, firstStartUtc, count, AppointmentKind.Session, ct);
    }

    /// <summary>Refuses a series asked for by a patient, with the way it is booked instead.</summary>
    public static RuleViolationException SeriesOnlyThroughCare() => new(BookingRules.SeriesOnlyThroughCare,
        "A whole series of sessions is booked when you and your therapist sign your treatment contract, or by your therapist. Book one appointment at a time.");

    /// <summary>Where a patient adds the phone number a booking needs.</summary>
    public const string AddPhoneNumberPath = "/account/profile";

    /// <summary>
    /// Every live appointment, the first conversation included, needs the patient's phone: if risk shows during the
    /// call or the video drops at a bad moment, the clinician must be able to ring them (Booking readme, rule 13).
    /// </summary>
    private async Task RequirePhoneNumberAsync(Guid patientId, bool byClinician, CancellationToken ct)
    {
        if (await people.People.AnyAsync(p => p.Id == patientId && p.PhoneNumber != null && p.PhoneNumber != "", ct))
        {
            return;
        }
        throw new RuleViolationException(BookingRules.PhoneNumberRequired, byClinician
            ? $"This patient has not given a phone number yet, and no appointment is booked without one. They add it on their details page ({AddPhoneNumberPath})."
            : $"Add your phone number before booking: if something goes wrong during a session, your therapist must be able to call you. Add it on your details page ({AddPhoneNumberPath}).");
    }

    /// <summary>
    /// No appointment with a therapist who may not practise in the patient's country (Booking readme, rule 16), whoever
    /// books it and whatever its kind: a session is practice as much as a first conversation.
    /// </summary>
    private async Task RequireLicenceWhereThePatientLivesAsync(Guid patientId, Guid therapistId, bool byClinician, CancellationToken ct)
    {
        var country = await people.People.Where(p => p.Id == patientId).Select(p => p.CountryCode).SingleOrDefaultAsync(ct);
        var profile = await profiles.OfAsync(therapistId, ct)
            ?? throw new NotFoundException("No listed therapist has that id.");
        profile.EnsureMayPractiseIn(country, byClinician);
    }

    private async Task<BookingCare> InCareOfAsync(Guid clinicianId, Guid patientId, CancellationToken ct)
    {
        if ((await access.StandingAsync(clinicianId, patientId, ct)).Role != CareRole.Responsible)
        {
            throw new NotFoundException("No such patient.");
        }
        return BookingCare.InCare;
    }

    /// <summary>
    /// Books <paramref name="count"/> weekly (or every <paramref name="everyWeeks"/> weeks) occurrences at the same local time, all or nothing. Every
    /// occurrence is checked (availability, time off, existing bookings, daylight saving, horizon); when any
    /// fails, nothing is booked and each failure comes back with nearby alternatives.
    /// </summary>
    public async Task<SeriesOutcome> BookSeriesAsync(Guid patientId, Guid therapistId, DateTimeOffset firstStartUtc, int count,
        AppointmentKind kind, CancellationToken ct, int everyWeeks = 1)
    {
        if (count is < 1 or > MaxSeriesCount)
        {
            throw new RuleViolationException(BookingRules.SeriesCount, $"A series has 1 to {MaxSeriesCount} weekly appointments.");
        }
        InputRules.EnsureInRange(firstStartUtc, "firstStart");
        await RequirePhoneNumberAsync(patientId, byClinician: true, ct);
        var now = clock.GetUtcNow();
        var (from, to) = SeriesPlan.Range(firstStartUtc, count, everyWeeks);
        var calendar = await LoadCalendarAsync(therapistId, from, to, ct) ?? throw new NotFoundException("No listed therapist has that id.");
        await RequireLicenceWhereThePatientLivesAsync(patientId, therapistId, byClinician: true, ct);
        var plan = SeriesPlan.Check(calendar, firstStartUtc, count, now, everyWeeks);
        if (plan.Conflicts.Count > 0)
        {
            return new SeriesOutcome(null, [], plan.Conflicts);
        }
        var seriesId = Guid.CreateVersion7(now);
        var appointments = plan.Starts.Select((s, i) =>
            Appointment.Book(therapistId, patientId, s, calendar.Policy.Session, calendar.Policy.Buffer, kind, now, seriesId, i + 1)).ToList();
        // One entry per appointment, so each appointment's own history names its booking; the clinician books a
        // series (directly or by the contract), so the caller is the clinician.
        foreach (var appointment in appointments)
        {
            audit.Stage(AuditAction.AppointmentBooked, userId: therapistId, subject: appointment.Id.ToString(),
                detail: $"series {seriesId}, {appointment.SeriesIndex} of {appointments.Count}", patientId: patientId);
        }
        await SaveBookedAsync(appointments, ct);
        return new SeriesOutcome(seriesId, appointments, []);
    }

    /// <summary>
    /// Cancels the caller's own appointment (404 for anyone else's), withdrawing its reminders. <paramref name="reason"/>
    /// goes into the audit entry (a therapist's time off).
    /// </summary>
    public async Task<Appointment> CancelAsync(Guid appointmentId, Guid callerId, CancellationToken ct, string? reason = null)
    {
        var appointment = await OwnAsync(appointmentId, callerId, ct);
        try
        {
            if (appointment.PatientId == callerId)
            {
                writeLimit.Take(callerId);
            }
            var policy = await PolicyAsync(appointment.TherapistId, ct);
            appointment.Cancel(appointment.PatientId == callerId ? CancelledBy.Patient : CancelledBy.Therapist, clock.GetUtcNow(), policy.CancellationNotice);
        }
        catch (RuleViolationException e)
        {
            await RecordRefusalAsync(AuditAction.AppointmentCancelled, appointment, callerId, e, ct);
            throw;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await mail.WithdrawRemindersAsync(appointment, ct);
        await mail.QueueCancellationAsync(appointment, ct);
        // A late cancellation is an outcome a course may count (its contract decides).
        await outcomes.SettledAsync(appointment, ct);
        audit.Stage(AuditAction.AppointmentCancelled, userId: callerId, subject: appointment.Id.ToString(),
            detail: appointment.Status == AppointmentStatus.LateCancelled ? "late" : reason, patientId: appointment.PatientId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        nextFree.Forget(appointment.TherapistId);
        mail.SendSoon();
        return appointment;
    }

    /// <summary>Moves the caller's own appointment to another offered slot; its reminders move with it.</summary>
    public async Task<Appointment> RescheduleAsync(Guid appointmentId, Guid callerId, DateTimeOffset newStartUtc, CancellationToken ct)
    {
        InputRules.EnsureInRange(newStartUtc, "start");
        var appointment = await OwnAsync(appointmentId, callerId, ct);
        try
        {
            return await MoveAsync(appointment, callerId, newStartUtc, ct);
        }
        catch (RuleViolationException e)
        {
            await RecordRefusalAsync(AuditAction.AppointmentRescheduled, appointment, callerId, e, ct);
            throw;
        }
    }

    private async Task<Appointment> MoveAsync(Appointment appointment, Guid callerId, DateTimeOffset newStartUtc, CancellationToken ct)
    {
        if (appointment.PatientId == callerId)
        {
            writeLimit.Take(callerId);
        }
        var now = clock.GetUtcNow();
        var calendar = await LoadCalendarAsync(appointment.TherapistId, newStartUtc.AddDays(-1), newStartUtc.AddDays(1), ct)
            ?? throw new NotFoundException("No listed therapist has that id.");
        // The appointment's own time is free for its move (moving by 30 minutes within the same hour).
        calendar = calendar with { Busy = calendar.Busy.Where(b => b.StartUtc != appointment.StartUtc).ToArray() };
        EnsureOffered(calendar, newStartUtc, now);
        appointment.Reschedule(newStartUtc, calendar.Policy.Buffer, now);
        if (appointment.Kind == AppointmentKind.Assessment)
        {
            await care.FirstConversationBookedAsync(appointment.PatientId, appointment.TherapistId, newStartUtc, ct);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await mail.WithdrawRemindersAsync(appointment, ct);
        await mail.QueueBookedAsync(appointment, rescheduled: true, ct);
        audit.Stage(AuditAction.AppointmentRescheduled, userId: callerId, subject: appointment.Id.ToString(), detail: $"to {newStartUtc:O}",
            patientId: appointment.PatientId);
        await SaveGuardedAsync(ct);
        await tx.CommitAsync(ct);
        nextFree.Forget(appointment.TherapistId);
        mail.SendSoon();
        return appointment;
    }

    /// <summary>The therapist marks a started appointment as missed by the patient.</summary>
    public async Task<Appointment> MarkNoShowAsync(Guid appointmentId, Guid therapistId, CancellationToken ct)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId && a.TherapistId == therapistId, ct)
            ?? throw new NotFoundException("No such appointment.");
        await outcomes.MissedAsync(appointment, clock.GetUtcNow(), ct);
        audit.Stage(AuditAction.AppointmentMarkedMissed, userId: therapistId, subject: appointment.Id.ToString(), patientId: appointment.PatientId);
        await db.SaveChangesAsync(ct);
        return appointment;
    }

    /// <summary>A refused change saved nothing, so its record is written on its own.</summary>
    private Task RecordRefusalAsync(string action, Appointment appointment, Guid callerId, RuleViolationException e, CancellationToken ct) =>
        audit.RecordAsync(action, AuditOutcome.Failure, userId: callerId, subject: appointment.Id.ToString(), detail: e.Rule,
            patientId: appointment.PatientId, ct: ct);

    /// <summary>The caller's own appointment: as its patient or its therapist. Anyone else's is "not found".</summary>
    public async Task<Appointment> OwnAsync(Guid appointmentId, Guid callerId, CancellationToken ct) =>
        await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId && (a.PatientId == callerId || a.TherapistId == callerId), ct)
        ?? throw new NotFoundException("No such appointment.");

    private async Task<BookingPolicy> PolicyAsync(Guid therapistId, CancellationToken ct) =>
        await db.BookingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.TherapistId == therapistId, ct) ?? BookingPolicy.Default(therapistId);

    private static void EnsureOffered(TherapistCalendar calendar, DateTimeOffset startUtc, DateTimeOffset now)
    {
        var offered = SlotCalculator.Compute(calendar, startUtc.AddMinutes(-1), startUtc.AddMinutes(1), now);
        if (!offered.Any(s => s.StartUtc == startUtc))
        {
            throw new RuleViolationException(BookingRules.MustBeAnOfferedSlot, Explain(calendar, startUtc, now));
        }
    }

    /// <summary>Why a time cannot be booked, in words for the person choosing it.</summary>
    internal static string Explain(TherapistCalendar calendar, DateTimeOffset? startUtc, DateTimeOffset now)
    {
        if (startUtc is not { } start)
        {
            return "That local time does not exist on that day (the clocks change); choose another time.";
        }
        var policy = calendar.Policy;
        var end = start + policy.Session;
        return start switch
        {
            _ when start <= now => "That time has already passed.",
            _ when start < now + policy.MinimumNotice => $"This therapist needs at least {policy.MinimumNoticeHours} hours' notice.",
            _ when start > now + policy.Horizon => $"This therapist takes bookings up to {policy.HorizonDays} days ahead.",
            _ when calendar.Exceptions.Any(e => e.Kind == ExceptionKind.TimeOff && e.StartUtc < end && start < e.EndUtc) => "The therapist is away then.",
            _ when calendar.Busy.Any(b => b.StartUtc < end + policy.Buffer && start < b.EndUtc) => "That time is already booked.",
            _ => "The therapist does not offer that time. Choose one of the times shown.",
        };
    }

    /// <summary>Up to three offered times closest to the wanted one, within four days either side.</summary>
    internal static IReadOnlyList<Slot> Nearby(IReadOnlyList<Slot> offered, DateTimeOffset wanted) =>
        offered.Where(s => (s.StartUtc - wanted).Duration() <= TimeSpan.FromDays(4))
            .OrderBy(s => (s.StartUtc - wanted).Duration())
            .Take(3)
            .OrderBy(s => s.StartUtc)
            .ToArray();

    private async Task SaveBookedAsync(IReadOnlyList<Appointment> appointments, CancellationToken ct)
    {
        // One transaction: the appointments, their confirmation and their reminders, or nothing.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Appointments.AddRange(appointments);
        foreach (var appointment in appointments)
        {
            await mail.QueueBookedAsync(appointment, rescheduled: false, ct, confirmation: appointments.Count == 1);
        }
        if (appointments.Count > 1)
        {
            await mail.QueueSeriesConfirmationAsync(appointments, ct);
        }
        await SaveGuardedAsync(ct);
        await tx.CommitAsync(ct);
        nextFree.Forget(appointments[0].TherapistId);
        mail.SendSoon();
    }

    /// <summary>Turns the database's overlap guard into the rule a person understands.</summary>
    private async Task SaveGuardedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsOverlap(e))
        {
            db.ChangeTracker.Clear();
            throw new RuleViolationException(BookingRules.SlotTaken, "Someone has just booked that time. Please choose another.");
        }
    }

    private static bool IsOverlap(DbUpdateException e) =>
        e.InnerException switch
        {
            Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.ExclusionViolation,
            Microsoft.Data.Sqlite.SqliteException lite => lite.Message.Contains("appointment_overlap", StringComparison.Ordinal),
            _ => false,
        };
}
