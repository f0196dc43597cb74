using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// A therapist changes when they can be booked: weekly hours, booking rules, time off and extra hours. Each change is
/// one unit of work with its audit entry, and clears the directory's "next free" figure for the therapist, so the page
/// (and any later entry point) only translates. A therapist only ever changes their own; another's answers null (404).
/// </summary>
public sealed class AvailabilityChanges(AppDbContext db, Auditor audit, NextFreeCache nextFree, TimeProvider clock)
{
    public async Task<AvailabilityWindow> AddWindowAsync(Guid therapistId, DayOfWeek day, TimeOnly start, TimeOnly end, CancellationToken ct)
    {
        var window = AvailabilityWindow.Create(therapistId, day, start, end);
        var sameDay = await db.AvailabilityWindows.AsNoTracking().Where(w => w.TherapistId == therapistId && w.Day == day).ToListAsync(ct);
        if (sameDay.OrderBy(w => w.Start).FirstOrDefault(w => w.Start < end && start < w.End) is { } clash)
        {
            throw new RuleViolationException(AvailabilityRules.WindowsOverlap,
                $"This overlaps your {clash.Day} hours {TimeText.Range(clash.Start, clash.End)}. Remove those first, or choose other times.");
        }
        db.AvailabilityWindows.Add(window);
        audit.Stage(AuditAction.AvailabilityChanged, detail: $"added {day} {TimeText.Range(start, end)}");
        await SaveAsync(therapistId, ct);
        return window;
    }

    public async Task<AvailabilityWindow?> RemoveWindowAsync(Guid therapistId, Guid id, CancellationToken ct)
    {
        var window = await db.AvailabilityWindows.SingleOrDefaultAsync(w => w.Id == id && w.TherapistId == therapistId, ct);
        if (window is null)
        {
            return null;
        }
        db.AvailabilityWindows.Remove(window);
        audit.Stage(AuditAction.AvailabilityChanged, detail: $"removed {window.Day} {TimeText.Range(window.Start, window.End)}");
        await SaveAsync(therapistId, ct);
        return window;
    }

    public async Task ChangeRulesAsync(Guid therapistId, int sessionMinutes, int bufferMinutes, int minimumNoticeHours, int horizonDays,
        int cancellationNoticeHours, CancellationToken ct)
    {
        var policy = await db.BookingPolicies.SingleOrDefaultAsync(p => p.TherapistId == therapistId, ct);
        var isNew = policy is null;
        policy ??= BookingPolicy.Default(therapistId);
        try
        {
            policy.Change(sessionMinutes, bufferMinutes, minimumNoticeHours, horizonDays, cancellationNoticeHours);
        }
        catch (RuleViolationException)
        {
            db.ChangeTracker.Clear();
            throw;
        }
        if (isNew)
        {
            db.BookingPolicies.Add(policy);
        }
        audit.Stage(AuditAction.AvailabilityChanged,
            detail: $"rules {sessionMinutes}/{bufferMinutes}/{minimumNoticeHours}/{horizonDays}/{cancellationNoticeHours}");
        await SaveAsync(therapistId, ct);
    }

    public async Task<AvailabilityException> AddChangeAsync(Guid therapistId, ExceptionKind kind, DateTimeOffset startUtc, DateTimeOffset endUtc,
        string? note, CancellationToken ct)
    {
        if (endUtc <= clock.GetUtcNow())
        {
            throw new RuleViolationException(AvailabilityRules.ChangeInTheFuture, "That time has already passed. Choose a time in the future.");
        }
        var change = AvailabilityException.Create(therapistId, kind, startUtc, endUtc, note ?? "");
        db.AvailabilityExceptions.Add(change);
        audit.Stage(AuditAction.AvailabilityChanged, detail: $"added {kind} {startUtc:O}-{endUtc:O}");
        await SaveAsync(therapistId, ct);
        return change;
    }

    public async Task<AvailabilityException?> RemoveChangeAsync(Guid therapistId, Guid id, CancellationToken ct)
    {
        var change = await db.AvailabilityExceptions.SingleOrDefaultAsync(e => e.Id == id && e.TherapistId == therapistId, ct);
        if (change is null)
        {
            return null;
        }
        db.AvailabilityExceptions.Remove(change);
        audit.Stage(AuditAction.AvailabilityChanged, detail: $"removed {change.Kind} {change.StartUtc:O}-{change.EndUtc:O}");
        await SaveAsync(therapistId, ct);
        return change;
    }

    private async Task SaveAsync(Guid therapistId, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        nextFree.Forget(therapistId);
    }
}
