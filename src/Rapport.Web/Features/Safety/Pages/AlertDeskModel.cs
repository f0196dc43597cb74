using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// What the therapist's and the admins' alert pages share: the acknowledge handler, the viewer's clock and zone,
/// and turning alerts into cards with a refused note kept in its own card. Each page decides which alerts it lists.
/// </summary>
public abstract class AlertDeskModel(AppDbContext db, AcknowledgeAlert acknowledge, TimeProvider clock) : PageModel
{
    public string? Message { get; private set; }

    protected AppDbContext Db { get; } = db;

    /// <summary>Admins may acknowledge any alert; a therapist only their own.</summary>
    protected abstract bool AsAdmin { get; }

    /// <summary>Loads the page's lists. <paramref name="refused"/> is the alert whose note was refused, with the message and the note as typed.</summary>
    protected abstract Task<IReadOnlyList<SafetyAlert>> LoadAsync((Guid Id, string Error, string? Draft)? refused, CancellationToken ct);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, [FromForm] string? note, CancellationToken ct)
    {
        var outcome = await acknowledge.HandleAsync(new AcknowledgeAlert.Request(id, User.UserId(), AsAdmin, note), ct);
        if (outcome.Result == AcknowledgeAlert.Result.NotFound)
        {
            return NotFound();
        }
        if (outcome.Result == AcknowledgeAlert.Result.Acknowledged)
        {
            Message = outcome.Message;
            await LoadAsync(null, ct);
            return Page();
        }
        var open = await LoadAsync((id, outcome.Message, note), ct);
        if (open.All(a => a.Id != id))
        {
            // The alert closed meanwhile (someone else acknowledged it): say so at the top, where it will be seen.
            ModelState.AddModelError("", outcome.Message);
        }
        return Page();
    }

    /// <summary>The viewer's zone and the time now, for "raised at" and "escalates at".</summary>
    protected async Task<(TimeZoneInfo Zone, DateTimeOffset Now)> ViewerClockAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var zoneId = await Db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleAsync(ct);
        return (ProfileChoices.ZoneOrUtc(zoneId), clock.GetUtcNow());
    }

    protected async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<SafetyAlert> alerts, CancellationToken ct)
    {
        var people = alerts.SelectMany(a => new[] { a.PatientId, a.AssignedTherapistId ?? a.PatientId, a.AcknowledgedById ?? a.PatientId }).Distinct().ToList();
        return await Db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    protected static (string? Error, string? Draft) RefusalFor(SafetyAlert alert, (Guid Id, string Error, string? Draft)? refused) =>
        refused is { } r && r.Id == alert.Id ? (r.Error, r.Draft) : (null, null);
}
