using System.Buffers.Text;
using System.Security.Cryptography;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.LiveSessions;

/// <summary>What each side last said it sends: the call switches between these without renegotiating.</summary>
public enum CallMode
{
    Video = 0,
    LowVideo = 1,
    AudioOnly = 2,
}

/// <summary>Which of the two people of the appointment is acting.</summary>
public enum Side
{
    Patient = 0,
    Therapist = 1,
}

/// <summary>
/// The live call of one appointment: its unguessable room, the waiting room the therapist controls, the
/// patient's location as confirmed at the start, and how the call ended. Signalling is not stored here; only
/// the states both sides must agree on after a reconnect.
/// </summary>
public sealed class LiveSession
{
    public const int RoomIdBytes = 16;
    public const int RoomIdLength = 22; // base64url of 16 bytes, no padding
    public const int MaxLocationLength = 500;

    private LiveSession() { }

    public Guid Id { get; private set; }
    public Guid AppointmentId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid TherapistId { get; private set; }
    /// <summary>128 random bits from a CSPRNG, base64url: the address of the call. Never derived from the appointment.</summary>
    public string RoomId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>When the patient arrived in the waiting room; null while they are not waiting (or were sent back).</summary>
    public DateTimeOffset? PatientWaitingSince { get; private set; }
    public DateTimeOffset? PatientFirstArrivedAt { get; private set; }
    /// <summary>When the therapist let the patient in; null while they are not in the call.</summary>
    public DateTimeOffset? AdmittedAt { get; private set; }
    public DateTimeOffset? FirstAdmittedAt { get; private set; }
    public DateTimeOffset? SentBackAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>Where the patient is now, as the therapist confirmed at the start (needed if an emergency arises). Clinical text.</summary>
    public string? PatientLocation { get; private set; }
    public DateTimeOffset? LocationConfirmedAt { get; private set; }
    public CallMode PatientMode { get; private set; }
    public CallMode TherapistMode { get; private set; }
    public int Version { get; private set; }

    public bool IsEnded => EndedAt is not null;
    public bool IsPatientWaiting => !IsEnded && PatientWaitingSince is not null && AdmittedAt is null;
    public bool IsPatientAdmitted => !IsEnded && AdmittedAt is not null;
    public TimeSpan? Duration => EndedAt is { } end && FirstAdmittedAt is { } start ? end - start : null;

    /// <summary>Opens the room of an appointment inside its join window.</summary>
    public static LiveSession Open(Appointment appointment, DateTimeOffset now)
    {
        EnsureJoinable(appointment, now);
        return new LiveSession
        {
            Id = Guid.CreateVersion7(now),
            AppointmentId = appointment.Id,
            PatientId = appointment.PatientId,
            TherapistId = appointment.TherapistId,
            RoomId = NewRoomId(),
            CreatedAt = now,
        };
    }

    public static string NewRoomId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RoomIdBytes));

    /// <summary>A string that could be a room id (checked before any database look-up).</summary>
    public static bool LooksLikeRoomId(string? text) =>
        text is { Length: RoomIdLength } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static DateTimeOffset OpensAt(Appointment appointment) => appointment.StartUtc - JoinWindow.OpensBeforeStart;

    public static DateTimeOffset ClosesAt(Appointment appointment) => appointment.EndUtc + JoinWindow.ClosesAfterEnd;

    /// <summary>
    /// The join window and the appointment's state: a room opens 15 minutes before the start and closes 30 minutes
    /// after the planned end, only for a booked appointment.
    /// </summary>
    public static void EnsureJoinable(Appointment appointment, DateTimeOffset now)
    {
        if (appointment.Status is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled)
        {
            throw new RuleViolationException(LiveSessionRules.Cancelled, "This appointment was cancelled, so there is no call to join.");
        }
        if (appointment.Status != AppointmentStatus.Booked)
        {
            throw new RuleViolationException(LiveSessionRules.Over, "This session has ended.");
        }
        if (now < OpensAt(appointment))
        {
            throw new RuleViolationException(LiveSessionRules.TooEarly, "The call opens 15 minutes before the appointment starts.");
        }
        if (now > ClosesAt(appointment))
        {
            throw new RuleViolationException(LiveSessionRules.TooLate, "The time for this call has passed.");
        }
    }

    /// <summary>
    /// The patient arrives (or comes back after a refresh or a dropped link). Someone already admitted goes
    /// straight back into the call; anyone else waits until the therapist admits them. Returns true when admitted.
    /// </summary>
    public bool PatientArrives(DateTimeOffset now)
    {
        EnsureNotEnded();
        PatientFirstArrivedAt ??= now;
        if (AdmittedAt is not null)
        {
            return true;
        }
        if (PatientWaitingSince is null)
        {
            PatientWaitingSince = now;
            Version++;
        }
        return false;
    }

    public void Admit(Side by, DateTimeOffset now)
    {
        EnsureTherapist(by, "Only the therapist can let someone in.");
        EnsureNotEnded();
        if (!IsPatientWaiting)
        {
            throw new RuleViolationException(LiveSessionRules.PatientNotWaiting, "Nobody is waiting to be let in.");
        }
        AdmittedAt = now;
        FirstAdmittedAt ??= now;
        Version++;
    }

    /// <summary>The therapist sends the patient out of the call or the waiting room; they may arrive again later.</summary>
    public void SendBack(Side by, DateTimeOffset now)
    {
        EnsureTherapist(by, "Only the therapist can send someone back.");
        EnsureNotEnded();
        if (PatientWaitingSince is null && AdmittedAt is null)
        {
            throw new RuleViolationException(LiveSessionRules.PatientNotWaiting, "Nobody is waiting or in the call.");
        }
        PatientWaitingSince = null;
        AdmittedAt = null;
        SentBackAt = now;
        Version++;
    }

    public void ConfirmLocation(Side by, string location, DateTimeOffset now)
    {
        EnsureTherapist(by, "Only the therapist confirms where the patient is.");
        var text = location.Trim();
        if (text.Length is 0 or > MaxLocationLength)
        {
            throw new RuleViolationException(LiveSessionRules.LocationLength, $"Write where the patient is now, in at most {MaxLocationLength} characters.");
        }
        PatientLocation = text;
        LocationConfirmedAt = now;
        Version++;
    }

    /// <summary>Records what one side now sends. Returns false when nothing changed.</summary>
    public bool ReportMode(Side by, CallMode mode)
    {
        EnsureNotEnded();
        var current = by == Side.Patient ? PatientMode : TherapistMode;
        if (current == mode)
        {
            return false;
        }
        if (by == Side.Patient)
        {
            PatientMode = mode;
        }
        else
        {
            TherapistMode = mode;
        }
        Version++;
        return true;
    }

    /// <summary>
    /// The therapist ends the call. Answers whether the appointment is now attended: the patient was let in and the
    /// appointment has started (a call ended before the planned start leaves it booked). Booking marks it
    /// (<c>AppointmentOutcomes.AttendedAsync</c>), so its own rule and the course's count go with the mark.
    /// </summary>
    public bool End(Side by, Appointment appointment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        EnsureTherapist(by, "Only the therapist ends the session.");
        EnsureNotEnded();
        EndedAt = now;
        PatientWaitingSince = null;
        AdmittedAt = null;
        Version++;
        return FirstAdmittedAt is not null && appointment.Status == AppointmentStatus.Booked && now >= appointment.StartUtc;
    }

    /// <summary>
    /// The patient never came: the therapist closes the room. The caller then has Booking mark the appointment missed
    /// (<c>AppointmentOutcomes.MissedAsync</c>), in the same save.
    /// </summary>
    public void MarkNoShow(Side by, DateTimeOffset now)
    {
        EnsureTherapist(by, "Only the therapist marks a session as missed.");
        if (PatientFirstArrivedAt is not null)
        {
            throw new RuleViolationException(LiveSessionRules.PatientJoined, "The patient joined this call, so it cannot be marked as missed.");
        }
        EndedAt ??= now;
        Version++;
    }

    private void EnsureNotEnded()
    {
        if (IsEnded)
        {
            throw new RuleViolationException(LiveSessionRules.Over, "This session has ended.");
        }
    }

    private static void EnsureTherapist(Side by, string message)
    {
        if (by != Side.Therapist)
        {
            throw new RuleViolationException(LiveSessionRules.TherapistOnly, message);
        }
    }
}

public static class LiveSessionRules
{
    public const string TooEarly = "LiveSessions.TooEarly";
    public const string TooLate = "LiveSessions.TooLate";
    public const string Cancelled = "LiveSessions.Cancelled";
    public const string Over = "LiveSessions.Over";
    public const string TherapistOnly = "LiveSessions.TherapistOnly";
    public const string PatientNotWaiting = "LiveSessions.PatientNotWaiting";
    public const string PatientJoined = "LiveSessions.PatientJoined";
    public const string LocationLength = "LiveSessions.LocationLength";
    public const string NotAdmitted = "LiveSessions.NotAdmitted";
}
