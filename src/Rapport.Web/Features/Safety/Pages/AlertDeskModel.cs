using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// What the therapist's and the admins' alert lists share: the viewer's clock and zone, and turning alerts into cards.
/// Each page decides which alerts it lists; acting on one happens on its own page (<see cref="AlertModel"/>).
/// </summary>
public abstract class AlertDeskModel(AppDbContext db, PeopleNames people, IOptions<SafetyOptions> options, TimeProvider clock) : PageModel
{
    protected AppDbContext Db { get; } = db;

    protected abstract Task LoadAsync(CancellationToken ct);

    /// <summary>Open alerts in the order a clinician should meet them (<see cref="SafetyAlert.MostUrgentFirst"/>).</summary>
    protected IReadOnlyList<SafetyAlert> Urgent(IEnumerable<SafetyAlert> open) => SafetyAlert.MostUrgentFirst(open, options.Value);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Turns alerts into cards in the viewer's zone, naming the people involved ("you" for the viewer).</summary>
    protected async Task<Func<SafetyAlert, AlertCard>> CardsAsync(IEnumerable<SafetyAlert> alerts, bool showFirstTold, CancellationToken ct)
    {
        var me = User.UserId();
        var zone = await people.ZoneOfAsync(me, ct);
        var now = clock.GetUtcNow();
        var names = await people.OfAsync(alerts.SelectMany(a => new[] { a.PatientId, a.AssignedTherapistId, a.AcknowledgedById, a.ClosedById }).OfType<Guid>(), ct);
        string? Name(Guid? id) => id is { } i ? (i == me ? "you" : names.GetValueOrDefault(i)) : null;
        return a => new AlertCard(a, names.GetValueOrDefault(a.PatientId, "A patient"),
            showFirstTold ? (Name(a.AssignedTherapistId) ?? "Nobody on call") : null,
            Name(a.AcknowledgedById), Name(a.ClosedById), zone, now, options.Value);
    }
}
