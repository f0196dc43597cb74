using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.DataRights.Pages.Admin;

/// <summary>
/// The clinic's view of erasure requests (readme, rule 10): those waiting (who asked, when, when they will be carried
/// out), those carried out, and the purges coming up. Admins only; the read is audited. One query per list, each bounded.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.ReadDataRequests)]
public sealed class DataRequestsModel(AppDbContext db, PeopleNames people, TimeProvider clock) : PageModel
{
    private const int MaxRows = 200;

    public sealed record Row(Guid Id, string Name, string? Email, DateTimeOffset RequestedAt, DateTimeOffset CarryOutAfter,
        DateTimeOffset? CarriedOutAt, DateTimeOffset? RetentionEndsAt, DateTimeOffset? PurgedAt);

    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public IReadOnlyList<Row> CarriedOut { get; private set; } = [];
    public IReadOnlyList<Row> Purged { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var requests = db.ErasureRequests.AsNoTracking();
        Pending = await RowsAsync(requests.Where(r => r.Status == ErasureStatus.Pending).OrderBy(r => r.CarryOutAfter), r => r.CarryOutAfter, ct);
        // Carried out, soonest purge first: the upcoming purges.
        CarriedOut = await RowsAsync(requests.Where(r => r.Status == ErasureStatus.CarriedOut).OrderBy(r => r.RetentionEndsAt), r => r.RetentionEndsAt, ct);
        Purged = await RowsAsync(requests.Where(r => r.Status == ErasureStatus.Purged).OrderByDescending(r => r.PurgedAt), r => -(r.PurgedAt?.UtcTicks ?? 0), ct);
    }

    /// <summary>The first rows of an ordered list with their patients, one query; the join may not keep the order, so it is sorted again here.</summary>
    private async Task<IReadOnlyList<Row>> RowsAsync<TKey>(IOrderedQueryable<ErasureRequest> requests, Func<Row, TKey> order, CancellationToken ct)
    {
        var rows = await requests.Take(MaxRows)
            .Join(people.People, r => r.PatientId, u => u.Id, (r, u) => new Row(r.Id, u.DisplayName, u.Email, r.RequestedAt, r.CarryOutAfter, r.CarriedOutAt, r.RetentionEndsAt, r.PurgedAt))
            .ToListAsync(ct);
        return [.. rows.OrderBy(order)];
    }

    public static string Day(DateTimeOffset? at) => at is { } value ? value.UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
