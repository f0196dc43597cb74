using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages.Admin;

/// <summary>
/// The admins' alert desk: open alerts that escalated or had nobody on call, most urgent first, so an admin can make sure
/// a clinician responds (only clinicians take alerts on and close them); and the recently closed ones.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.SafetyAlertRead)]
public sealed class AlertsModel(AppDbContext db, PeopleNames people, IOptions<SafetyOptions> options, TimeProvider clock)
    : AlertDeskModel(db, people, options, clock)
{
    public const int HistoryCount = 50;

    public IReadOnlyList<AlertCard> Waiting { get; private set; } = [];
    public IReadOnlyList<AlertCard> History { get; private set; } = [];
    /// <summary>Open alerts still inside their clinician's time: not the desk's to chase yet, but worth knowing about.</summary>
    public int WithTherapists { get; private set; }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var waiting = Urgent(await Db.SafetyAlerts.AsNoTracking()
            .Where(a => a.ClosedAt == null && (a.EscalatedAt != null || a.AssignedTherapistId == null)).ToListAsync(ct));
        var history = await Db.SafetyAlerts.AsNoTracking().Where(a => a.ClosedAt != null && (a.EscalatedAt != null || a.AssignedTherapistId == null))
            .OrderByDescending(a => a.ClosedAt).Take(HistoryCount).ToListAsync(ct);
        WithTherapists = await Db.SafetyAlerts.CountAsync(a => a.ClosedAt == null && a.EscalatedAt == null && a.AssignedTherapistId != null, ct);
        var card = await CardsAsync(waiting.Concat(history), showFirstTold: true, ct);
        Waiting = [.. waiting.Select(card)];
        History = [.. history.Select(card)];
    }
}
