using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking;

/// <param name="Country">Only therapists who may practise in this country (ISO 3166-1 alpha-2).</param>
public sealed record DirectoryFilter(string? Language = null, string? Condition = null, bool? Accepting = null, int? AvailableWithinDays = null,
    int Page = 1, int PageSize = 10, string? Country = null);

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
public sealed class TherapistDirectory(ProfileLookup profiles, PeopleNames people, BookingService booking, NextFreeCache nextFree, TimeProvider clock)
{
    /// <summary>How far ahead "next free time" looks when no availability filter is given.</summary>
    public static readonly TimeSpan NextFreeHorizon = TimeSpan.FromDays(28);

    public async Task<DirectoryPage> SearchAsync(DirectoryFilter filter, CancellationToken ct)
    {
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 50);
        var query = from p in profiles.Approved
                    join u in people.People on p.UserId equals u.Id
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
        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var code = "," + filter.Country.Trim().ToUpperInvariant() + ",";
            query = query.Where(x => ("," + x.p.Countries + ",").Contains(code));
        }
        if (filter.Accepting is { } accepting)
        {
            query = query.Where(x => x.p.AcceptingNewPatients == accepting);
        }
        query = query.OrderBy(x => x.DisplayName).ThenBy(x => x.p.UserId);

        var now = clock.GetUtcNow();
        if (filter.AvailableWithinDays is { } days)
        {
            // Availability is computed, not stored: every candidate's next free time, cached briefly (NextFreeCache).
            days = Math.Clamp(days, 1, 90);
            var candidates = await query.ToListAsync(ct);
            var next = await NextFreeAsync(candidates.Select(c => c.p.UserId).ToArray(), days, now, ct);
            var available = candidates.Where(c => next[c.p.UserId] is not null).ToList();
            return new DirectoryPage(available.Skip((page - 1) * size).Take(size)
                .Select(c => Entry(c.p, c.DisplayName, c.TimeZoneId, next[c.p.UserId])).ToArray(), page, size, available.Count);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var pageNext = await NextFreeAsync(rows.Select(r => r.p.UserId).ToArray(), (int)NextFreeHorizon.TotalDays, now, ct);
        return new DirectoryPage(rows.Select(r => Entry(r.p, r.DisplayName, r.TimeZoneId, pageNext[r.p.UserId])).ToArray(), page, size, total);
    }

    /// <summary>Next free time within <paramref name="days"/> for each therapist: from the cache, the rest in one batched load.</summary>
    private async Task<Dictionary<Guid, Slot?>> NextFreeAsync(Guid[] ids, int days, DateTimeOffset now, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Slot?>(ids.Length);
        var missing = new List<Guid>();
        foreach (var id in ids)
        {
            if (nextFree.TryGet(id, days, out var cached))
            {
                result[id] = cached;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count == 0)
        {
            return result;
        }
        // A cold cache (start-up, or many entries ageing out together) is filled by one request at a time, so
        // sixteen concurrent searches wait for one computation instead of all doing it at once.
        var large = missing.Count > 50;
        if (large)
        {
            await FillGate.WaitAsync(ct);
        }
        try
        {
            if (large)
            {
                missing.RemoveAll(id =>
                {
                    if (!nextFree.TryGet(id, days, out var filled))
                    {
                        return false;
                    }
                    result[id] = filled;
                    return true;
                });
            }
            var to = now.AddDays(days);
            var calendars = missing.Count == 0 ? new Dictionary<Guid, TherapistCalendar>() : await booking.LoadCalendarsAsync(missing, now, to, ct);
            foreach (var id in missing)
            {
                var slot = calendars.TryGetValue(id, out var calendar) ? SlotCalculator.FirstFree(calendar, now, to, now) : null;
                nextFree.Set(id, days, slot);
                result[id] = slot;
            }
        }
        finally
        {
            if (large)
            {
                FillGate.Release();
            }
        }
        return result;
    }

    private static readonly SemaphoreSlim FillGate = new(1, 1);

    private static DirectoryEntry Entry(TherapistProfile p, string name, string zone, Slot? next) =>
        new(p.UserId, name, p.Bio, p.LanguageList, p.SpecialtyList, p.CountryList, p.Training, p.AcceptingNewPatients, zone, next);
}
