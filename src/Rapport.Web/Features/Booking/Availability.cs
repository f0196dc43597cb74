namespace Rapport.Web.Features.Booking;

/// <summary>
/// A weekly window in the therapist's own time zone ("Tuesdays 09:00–13:00"). Stored as local wall-clock
/// times, so it stays at 09:00 local across daylight-saving changes; instants are computed per date.
/// </summary>
public sealed class AvailabilityWindow
{
    private AvailabilityWindow() { }

    public Guid Id { get; private set; }
    public Guid TherapistId { get; private set; }
    public DayOfWeek Day { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }

    public static AvailabilityWindow Create(Guid therapistId, DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new RuleViolationException(AvailabilityRules.WindowEndsAfterStart, "A window must end after it starts (windows cannot cross midnight; split them).");
        }
        return new AvailabilityWindow { Id = Guid.NewGuid(), TherapistId = therapistId, Day = day, Start = start, End = end };
    }
}

public enum ExceptionKind
{
    /// <summary>Time off: holidays, illness, training. No slots inside it.</summary>
    TimeOff = 0,
    /// <summary>One-off extra hours outside the weekly windows.</summary>
    ExtraHours = 1,
}

/// <summary>A one-off change to the weekly pattern, as instants (entered in the therapist's zone, stored in UTC).</summary>
public sealed class AvailabilityException
{
    private AvailabilityException() { }

    public Guid Id { get; private set; }
    public Guid TherapistId { get; private set; }
    public ExceptionKind Kind { get; private set; }
    public DateTimeOffset StartUtc { get; private set; }
    public DateTimeOffset EndUtc { get; private set; }
    public string Note { get; private set; } = "";

    public static AvailabilityException Create(Guid therapistId, ExceptionKind kind, DateTimeOffset startUtc, DateTimeOffset endUtc, string note)
    {
        if (endUtc <= startUtc)
        {
            throw new RuleViolationException(AvailabilityRules.WindowEndsAfterStart, "The end must come after the start.");
        }
        return new AvailabilityException
        {
            Id = Guid.NewGuid(),
            TherapistId = therapistId,
            Kind = kind,
            StartUtc = startUtc.ToUniversalTime(),
            EndUtc = endUtc.ToUniversalTime(),
            Note = note.Trim(),
        };
    }
}

/// <summary>How a therapist's calendar may be booked.</summary>
public sealed class BookingPolicy
{
    public static readonly TimeSpan DefaultSession = TimeSpan.FromMinutes(50);

    private BookingPolicy() { }

    public Guid TherapistId { get; private set; }
    public int SessionMinutes { get; private set; } = 50;
    public int BufferMinutes { get; private set; } = 10;
    /// <summary>No booking closer to now than this (hours).</summary>
    public int MinimumNoticeHours { get; private set; } = 12;
    /// <summary>No booking further ahead than this (days).</summary>
    public int HorizonDays { get; private set; } = 120;
    /// <summary>A patient cancelling with less notice than this is recorded as a late cancellation.</summary>
    public int CancellationNoticeHours { get; private set; } = 24;

    public TimeSpan Session => TimeSpan.FromMinutes(SessionMinutes);
    public TimeSpan Buffer => TimeSpan.FromMinutes(BufferMinutes);
    public TimeSpan MinimumNotice => TimeSpan.FromHours(MinimumNoticeHours);
    public TimeSpan Horizon => TimeSpan.FromDays(HorizonDays);
    public TimeSpan CancellationNotice => TimeSpan.FromHours(CancellationNoticeHours);

    public static BookingPolicy Default(Guid therapistId) => new() { TherapistId = therapistId };

    public void Change(int sessionMinutes, int bufferMinutes, int minimumNoticeHours, int horizonDays, int cancellationNoticeHours)
    {
        if (sessionMinutes is < 20 or > 120 || bufferMinutes is < 0 or > 60 || minimumNoticeHours is < 0 or > 168
            || horizonDays is < 7 or > 365 || cancellationNoticeHours is < 0 or > 168)
        {
            throw new RuleViolationException(AvailabilityRules.PolicyInRange,
                "Sessions last 20–120 minutes, buffers 0–60 minutes, notice 0–168 hours and the horizon 7–365 days.");
        }
        SessionMinutes = sessionMinutes;
        BufferMinutes = bufferMinutes;
        MinimumNoticeHours = minimumNoticeHours;
        HorizonDays = horizonDays;
        CancellationNoticeHours = cancellationNoticeHours;
    }
}

public static class AvailabilityRules
{
    public const string WindowEndsAfterStart = "Availability.WindowEndsAfterStart";
    public const string PolicyInRange = "Availability.PolicyInRange";
    /// <summary>Two weekly windows on one day may not overlap: the slots would be counted twice.</summary>
    public const string WindowsOverlap = "Availability.WindowsOverlap";
    /// <summary>Time off or extra hours that have already ended change nothing.</summary>
    public const string ChangeInTheFuture = "Availability.ChangeInTheFuture";
}
