using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages.Therapist;

/// <summary>
/// The therapist's safety alerts, as <see cref="AlertScope"/> decides them from care and the ladder: the open ones
/// most urgent first (<see cref="SafetyAlert.MostUrgentFirst"/>), then the recently closed ones. Each opens its own page.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SafetyAlertRead)]
public sealed class AlertsModel(AppDbContext db, PeopleNames people, AlertScope scope, IOptions<SafetyOptions> options, TimeProvider clock)
    : AlertDeskModel(db, people, options, clock)
{
    public const int RecentCount = 20;

    public IReadOnlyList<AlertCard> Open { get; private set; } = [];
    public IReadOnlyList<AlertCard> Recent { get; private set; } = [];

    protected override async Task LoadAsync(CancellationToken ct)
    {
        // Entities, not projections: the review is clinical text, decrypted only when the entity is loaded.
        var mine = await scope.ForAsync(User.UserId(), ct);
        var open = Urgent(await mine.AsNoTracking().Where(a => a.ClosedAt == null).ToListAsync(ct));
        var recent = await mine.AsNoTracking().Where(a => a.ClosedAt != null).OrderByDescending(a => a.ClosedAt).Take(RecentCount).ToListAsync(ct);
        var card = await CardsAsync(open.Concat(recent), showFirstTold: false, ct);
        Open = [.. open.Select(card)];
        Recent = [.. recent.Select(card)];
    }
}
