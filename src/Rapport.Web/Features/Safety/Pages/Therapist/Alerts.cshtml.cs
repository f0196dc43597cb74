using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages.Therapist;

/// <summary>
/// The therapist's safety alerts, as <see cref="AlertScope"/> decides them from care (so an alert raised during cover is
/// still in view for the responsible clinician afterwards): the open ones oldest first (the one waiting longest is the most urgent), each
/// acknowledged with a note of the action taken; then the recently acknowledged ones.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SafetyAlertRead)]
public sealed class AlertsModel(AppDbContext db, AcknowledgeAlert acknowledge, AlertScope scope, TimeProvider clock) : AlertDeskModel(db, acknowledge, clock)
{
    public const int RecentCount = 20;

    public IReadOnlyList<AlertCard> Open { get; private set; } = [];
    public IReadOnlyList<AlertCard> Recent { get; private set; } = [];

    protected override bool AsAdmin => false;

    protected override async Task<IReadOnlyList<SafetyAlert>> LoadAsync((Guid Id, string Error, string? Draft)? refused, CancellationToken ct)
    {
        var me = User.UserId();
        var (zone, now) = await ViewerClockAsync(ct);
        // Entities, not projections: the action note is clinical text, decrypted only when the entity is loaded.
        var mine = await scope.ForAsync(me, ct);
        var open = await mine.AsNoTracking().Where(a => a.AcknowledgedAt == null)
            .OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var recent = await mine.AsNoTracking().Where(a => a.AcknowledgedAt != null)
            .OrderByDescending(a => a.AcknowledgedAt).Take(RecentCount).ToListAsync(ct);
        var names = await NamesAsync(open.Concat(recent), ct);

        AlertCard Card(SafetyAlert a)
        {
            var (error, draft) = RefusalFor(a, refused);
            return new(a, names.GetValueOrDefault(a.PatientId, "A patient"), $"/therapist/patients/{a.PatientId}", null,
                a.AcknowledgedById is { } by ? (by == me ? "you" : names.GetValueOrDefault(by)) : null, zone, now, error, draft);
        }
        Open = [.. open.Select(Card)];
        Recent = [.. recent.Select(Card)];
        return open;
    }
}
