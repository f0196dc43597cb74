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
public sealed class DataRequestsModel(AppDbContext db, TimeProvider clock) : PageModel
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
        Pending = await RowsAsync(ErasureStatus.Pending, r => r.CarryOutAfter, ct);
        // Carried out, soonest purge first: the upcoming purges.
        CarriedOut = await RowsAsync(ErasureStatus.CarriedOut, r => r.RetentionEndsAt, ct);
        Purged = await db.ErasureRequests.AsNoTracking().Where(r => r.Status == ErasureStatus.Purged).OrderByDescending(r => r.PurgedAt).Take(MaxRows)
            .Join(db.Users, r => r.PatientId, u => u.Id, (r, u) => new Row(r.Id, u.DisplayName, u.Email, r.RequestedAt, r.CarryOutAfter, r.CarriedOutAt, r.RetentionEndsAt, r.PurgedAt))
            .ToListAsync(ct);
    }

    private Task<List<Row>> RowsAsync<TKey>(ErasureStatus status, System.Linq.Expressions.Expression<Func<ErasureRequest, TKey>> order, CancellationToken ct) =>
        db.ErasureRequests.AsNoTracking().Where(r => r.Status == status).OrderBy(order).Take(MaxRows)
            .Join(db.Users, r => r.PatientId, u => u.Id, (r, u) => new Row(r.Id, u.DisplayName, u.Email, r.RequestedAt, r.CarryOutAfter, r.CarriedOutAt, r.RetentionEndsAt, r.PurgedAt))
            .ToListAsync(ct);

    public static string Day(DateTimeOffset? at) => at is { } value ? value.UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
