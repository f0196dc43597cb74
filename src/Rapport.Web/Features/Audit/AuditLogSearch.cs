using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// The audit log, searched newest first one page at a time (keyset paging on the sequence), for the admin's audit page.
/// Reading it is the caller's declared, audited read; this only answers (docs/architecture.md, "Layers").
/// </summary>
public sealed class AuditLogSearch(AppDbContext db)
{
    /// <summary>
    /// What to find. <see cref="Person"/> matches the entries a person made, or, when <see cref="Named"/> is set, the
    /// entries that name that text as their subject (a failed sign-in names the address tried); the dates are whole UTC days.
    /// </summary>
    public sealed record Filter(string? Action, string? Outcome, Guid? Person, string? Named, DateOnly? From, DateOnly? To, long? Before);

    public sealed record Page(IReadOnlyList<AuditEvent> Events, long? NextBefore);

    public async Task<Page> PageAsync(Filter filter, int size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var q = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            q = q.Where(e => e.Action == filter.Action);
        }
        if (!string.IsNullOrWhiteSpace(filter.Outcome))
        {
            q = q.Where(e => e.Outcome == filter.Outcome);
        }
        if (filter.Named is { } named)
        {
            // An unknown person matches only rows that name the text, never every anonymous row.
            q = filter.Person is { } known ? q.Where(e => e.UserId == known || e.Subject == named) : q.Where(e => e.Subject == named);
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(e => e.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(e => e.OccurredAt < end);
        }
        if (filter.Before is { } before)
        {
            q = q.Where(e => e.Sequence < before);
        }
        var rows = await q.OrderByDescending(e => e.Sequence).Take(size + 1).ToListAsync(ct);
        return new Page([.. rows.Take(size)], rows.Count > size ? rows[size - 1].Sequence : null);
    }
}
