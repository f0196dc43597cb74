namespace Rapport.Web.Features.Booking;

public enum AppointmentStatus
{
    Booked = 0,
    Cancelled = 1,
    /// <summary>Cancelled by the patient inside the therapist's notice period (counts per the contract).</summary>
    LateCancelled = 2,
    NoShow = 3,
    Attended = 4,
}

public enum AppointmentKind
{
    /// <summary>The first conversation, before a course is agreed.</summary>
    Assessment = 0,
    Session = 1,
}

public enum CancelledBy
{
    Patient = 0,
    Therapist = 1,
}

/// <summary>
/// One booked hour between a patient and a therapist. Only a booked appointment holds the therapist's
/// time: the database refuses two booked appointments of one therapist whose
/// [<see cref="StartUtc"/>, <see cref="BlockedUntilUtc"/>) ranges overlap (PostgreSQL exclusion
/// constraint; SQLite trigger), so a race can never produce a double booking.
/// </summary>
public sealed class Appointment
{
    private Appointment() { }

    public Guid Id { get; private set; }
    public Guid TherapistId { get; private set; }
    public Guid PatientId { get; private set; }
    public DateTimeOffset StartUtc { get; private set; }
    public DateTimeOffset EndUtc { get; private set; }
    /// <summary>End plus the therapist's buffer: the time no other booking may take.</summary>
    public DateTimeOffset BlockedUntilUtc { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public AppointmentKind Kind { get; private set; }
    /// <summary>Set when the appointment is one of a weekly series booked together.</summary>
    public Guid? SeriesId { get; private set; }
    public int? SeriesIndex { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public CancelledBy? CancelledByRole { get; private set; }
    /// <summary>Bumped by every change, so two people editing at once cannot overwrite each other.</summary>
    public int Version { get; private set; }

    public TimeSpan Duration => EndUtc - StartUtc;

    public static Appointment Book(Guid therapistId, Guid patientId, DateTimeOffset startUtc, TimeSpan duration, TimeSpan buffer,
        AppointmentKind kind, DateTimeOffset now, Guid? seriesId = null, int? seriesIndex = null)
    {
        if (startUtc <= now)
        {
            throw new RuleViolationException(BookingRules.NotInThePast, "That time has already passed. Choose a later time.");
        }
        return new Appointment
        {
            Id = Guid.CreateVersion7(now),
            TherapistId = therapistId,
            PatientId = patientId,
            StartUtc = startUtc.ToUniversalTime(),
            EndUtc = (startUtc + duration).ToUniversalTime(),
            BlockedUntilUtc = (startUtc + duration + buffer).ToUniversalTime(),
            Status = AppointmentStatus.Booked,
            Kind = kind,
            SeriesId = seriesId,
            SeriesIndex = seriesIndex,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Cancels a booked appointment. A patient cancelling inside the notice period is recorded as a late
    /// cancellation (the treatment contract decides whether it counts); a therapist's cancellation never is.
    /// </summary>
    public void Cancel(CancelledBy by, DateTimeOffset now, TimeSpan noticePeriod)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new RuleViolationException(BookingRules.OnlyBookedCanChange, "This appointment is no longer booked.");
        }
        if (StartUtc <= now)
        {
            throw new RuleViolationException(BookingRules.NotAfterStart, "This appointment has already started; it can be marked as missed instead.");
        }
        Status = by == CancelledBy.Patient && StartUtc - now < noticePeriod ? AppointmentStatus.LateCancelled : AppointmentStatus.Cancelled;
        CancelledAt = now;
        CancelledByRole = by;
        Version++;
    }

    public void Reschedule(DateTimeOffset newStartUtc, TimeSpan buffer, DateTimeOffset now)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new RuleViolationException(BookingRules.OnlyBookedCanChange, "This appointment is no longer booked.");
        }
        if (StartUtc <= now)
        {
            throw new RuleViolationException(BookingRules.NotAfterStart, "This appointment has already started and cannot be moved.");
        }
        if (newStartUtc <= now)
        {
            throw new RuleViolationException(BookingRules.NotInThePast, "That time has already passed. Choose a later time.");
        }
        var duration = Duration;
        StartUtc = newStartUtc.ToUniversalTime();
        EndUtc = StartUtc + duration;
        BlockedUntilUtc = EndUtc + buffer;
        Version++;
    }

    /// <summary>The patient did not come. Only after the start, and only for a booked appointment.</summary>
    public void MarkNoShow(DateTimeOffset now)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new RuleViolationException(BookingRules.OnlyBookedCanChange, "This appointment is no longer booked.");
        }
        if (now < StartUtc)
        {
            throw new RuleViolationException(BookingRules.NoShowAfterStart, "An appointment can be marked as missed only once it has started.");
        }
        Status = AppointmentStatus.NoShow;
        Version++;
    }

    /// <summary>The session took place. Only once it has started, and only for a booked appointment.</summary>
    public void MarkAttended(DateTimeOffset now)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new RuleViolationException(BookingRules.OnlyBookedCanChange, "This appointment is no longer booked.");
        }
        if (now < StartUtc)
        {
            throw new RuleViolationException(BookingRules.NoShowAfterStart, "An appointment can be marked as attended only once it has started.");
        }
        Status = AppointmentStatus.Attended;
        Version++;
    }

    public bool Overlaps(DateTimeOffset start, DateTimeOffset blockedUntil) =>
        Status == AppointmentStatus.Booked && StartUtc < blockedUntil && start < BlockedUntilUtc;
}

public static class BookingRules
{
    public const string NotInThePast = "Booking.NotInThePast";
    public const string OnlyBookedCanChange = "Booking.OnlyBookedCanChange";
    public const string NotAfterStart = "Booking.NotAfterStart";
    public const string NoShowAfterStart = "Booking.NoShowAfterStart";
    public const string MustBeAnOfferedSlot = "Booking.MustBeAnOfferedSlot";
    public const string SlotTaken = "Booking.SlotTaken";
    public const string SeriesCount = "Booking.SeriesCount";
    public const string TherapistNotListed = "Booking.TherapistNotListed";
    public const string RangeTooLong = "Booking.RangeTooLong";
    public const string NotAcceptingNewPatients = "Booking.NotAcceptingNewPatients";
    public const string OneFirstConversation = "Booking.OneFirstConversation";
    public const string SeriesOnlyThroughCare = "Booking.SeriesOnlyThroughCare";
    public const string PhoneNumberRequired = "Booking.PhoneNumberRequired";
    /// <summary>Answered as 429 Too Many Requests (ApiExceptionHandler), not 409.</summary>
    public const string TooManyWrites = "Booking.TooManyWrites";
}
