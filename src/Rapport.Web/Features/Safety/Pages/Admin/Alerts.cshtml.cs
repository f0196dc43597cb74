using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages.Admin;

/// <summary>
/// The admins' alert desk: open alerts that escalated (their therapist did not acknowledge in time) or that have no
/// therapist to go to, oldest first, with the same acknowledge form; and the history of acknowledged alerts.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.SafetyAlertRead)]
public sealed class AlertsModel(AppDbContext db, AcknowledgeAlert acknowledge, TimeProvider clock) : AlertDeskModel(db, acknowledge, clock)
{
    public const int HistoryCount = 50;

    public IReadOnlyList<AlertCard> Waiting { get; private set; } = [];
    public IReadOnlyList<AlertCard> History { get; private set; } = [];
    /// <summary>Open alerts still inside their therapist's time: not the admins' to act on yet, but worth knowing about.</summary>
    public int WithTherapists { get; private set; }

    protected override bool AsAdmin => true;

    protected override async Task<IReadOnlyList<SafetyAlert>> LoadAsync((Guid Id, string Error, string? Draft)? refused, CancellationToken ct)
    {
        var me = User.UserId();
        var (zone, now) = await ViewerClockAsync(ct);
        var waiting = await Db.SafetyAlerts.AsNoTracking()
            .Where(a => a.AcknowledgedAt == null && (a.EscalatedAt != null || a.AssignedTherapistId == null))
            .OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var history = await Db.SafetyAlerts.AsNoTracking().Where(a => a.AcknowledgedAt != null)
            .OrderByDescending(a => a.AcknowledgedAt).Take(HistoryCount).ToListAsync(ct);
        WithTherapists = await Db.SafetyAlerts.CountAsync(a => a.AcknowledgedAt == null && a.EscalatedAt == null && a.AssignedTherapistId != null, ct);
        var names = await NamesAsync(waiting.Concat(history), ct);

        AlertCard Card(SafetyAlert a)
        {
            var (error, draft) = RefusalFor(a, refused);
            return new(a, names.GetValueOrDefault(a.PatientId, "A patient"), null,
                a.AssignedTherapistId is { } t ? names.GetValueOrDefault(t) : "None yet",
                a.AcknowledgedById is { } by ? (by == me ? "you" : names.GetValueOrDefault(by)) : null, zone, now, error, draft);
        }
        Waiting = [.. waiting.Select(Card)];
        History = [.. history.Select(Card)];
        return waiting;
    }
}
