using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Therapists;

public sealed record DirectoryFilter(string? Language = null, string? Condition = null, bool? Accepting = null, int? AvailableWithinDays = null,
    int Page = 1, int PageSize = 10);

public sealed record DirectoryEntry(Guid Id, string Name, string Bio, IReadOnlyList<string> Languages, IReadOnlyList<string> Specialties,
    IReadOnlyList<string> Countries, TrainingLevel Training, bool AcceptingNewPatients, string TimeZoneId, Slot? NextFree);

public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Entries, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The public directory: approved profiles only, filtered in SQL, with each therapist's next free time
/// from one batched calendar load (a fixed number of queries per page, never one per therapist).
/// </summary>
public sealed class TherapistDirectory(AppDbContext db, BookingService booking, TimeProvider clock)
{
    /// <summary>How far ahead "next free time" looks when no availability filter is given.</summary>
    public static readonly TimeSpan NextFreeHorizon = TimeSpan.FromDays(28);

    public async Task<DirectoryPage> SearchAsync(DirectoryFilter filter, CancellationToken ct)
    {
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 50);
        var query = from p in db.TherapistProfiles.AsNoTracking()
                    join u in db.Users.AsNoTracking() on p.UserId equals u.Id
                    where p.Status == ProfileStatus.Approved
                    select new { p, u.DisplayName, u.TimeZoneId };
        if (!string.IsNullOrWhiteSpace(filter.Language))
        {
            // Comma-delimited codes: match whole codes only ("en" must not match "ben").
            var code = "," + filter.Language.Trim() + ",";
            query = query.Where(x => ("," + x.p.Languages + ",").Contains(code));
        }
        if (!string.IsNullOrWhiteSpace(filter.Condition))
        {
            var code = "," + filter.Condition.Trim() + ",";
            query = query.Where(x => ("," + x.p.Specialties + ",").Contains(code));
        }
        if (filter.Accepting is { } accepting)
        {
            query = query.Where(x => x.p.AcceptingNewPatients == accepting);
        }
        query = query.OrderBy(x => x.DisplayName).ThenBy(x => x.p.UserId);

        var now = clock.GetUtcNow();
        if (filter.AvailableWithinDays is { } days)
        {
            // Availability is computed, not stored: load the calendars of every candidate in one batch.
            var candidates = await query.ToListAsync(ct);
            var to = now.AddDays(Math.Clamp(days, 1, 90));
            var calendars = await booking.LoadCalendarsAsync(candidates.Select(c => c.p.UserId).ToArray(), now, to, ct);
            var available = candidates
                .Select(c => (c, next: calendars.TryGetValue(c.p.UserId, out var cal) ? SlotCalculator.FirstFree(cal, now, to, now) : null))
                .Where(x => x.next is not null)
                .ToList();
            return new DirectoryPage(available.Skip((page - 1) * size).Take(size)
                .Select(x => Entry(x.c.p, x.c.DisplayName, x.c.TimeZoneId, x.next)).ToArray(), page, size, available.Count);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var horizon = now + NextFreeHorizon;
        var pageCalendars = await booking.LoadCalendarsAsync(rows.Select(r => r.p.UserId).ToArray(), now, horizon, ct);
        return new DirectoryPage(rows.Select(r => Entry(r.p, r.DisplayName, r.TimeZoneId,
            pageCalendars.TryGetValue(r.p.UserId, out var cal) ? SlotCalculator.FirstFree(cal, now, horizon, now) : null)).ToArray(),
            page, size, total);
    }

    private static DirectoryEntry Entry(TherapistProfile p, string name, string zone, Slot? next) =>
        new(p.UserId, name, p.Bio, p.LanguageList, p.SpecialtyList, p.CountryList, p.Training, p.AcceptingNewPatients, zone, next);
}
