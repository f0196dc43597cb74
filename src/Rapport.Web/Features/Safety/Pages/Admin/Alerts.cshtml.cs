using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
public sealed class AlertsModel(AppDbContext db, AcknowledgeAlert acknowledge, TimeProvider clock) : PageModel
{
    public const int HistoryCount = 50;

    public IReadOnlyList<AlertCard> Waiting { get; private set; } = [];
    public IReadOnlyList<AlertCard> History { get; private set; } = [];
    /// <summary>Open alerts still inside their therapist's time: not the admins' to act on yet, but worth knowing about.</summary>
    public int WithTherapists { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, [FromForm] string? note, CancellationToken ct)
    {
        var outcome = await acknowledge.HandleAsync(new AcknowledgeAlert.Request(id, User.UserId(), AsAdmin: true, note), ct);
        if (outcome.Result == AcknowledgeAlert.Result.NotFound)
        {
            return NotFound();
        }
        if (outcome.Result == AcknowledgeAlert.Result.Acknowledged)
        {
            Message = outcome.Message;
            await LoadAsync(null, ct);
        }
        else
        {
            await LoadAsync((id, outcome.Message, note), ct);
        }
        return Page();
    }

    private async Task LoadAsync((Guid Id, string Error, string? Draft)? refused, CancellationToken ct)
    {
        var me = User.UserId();
        var zoneId = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleAsync(ct);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var z) ? z : TimeZoneInfo.Utc;
        var now = clock.GetUtcNow();
        var waiting = await db.SafetyAlerts.AsNoTracking()
            .Where(a => a.AcknowledgedAt == null && (a.EscalatedAt != null || a.AssignedTherapistId == null))
            .OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var history = await db.SafetyAlerts.AsNoTracking().Where(a => a.AcknowledgedAt != null)
            .OrderByDescending(a => a.AcknowledgedAt).Take(HistoryCount).ToListAsync(ct);
        WithTherapists = await db.SafetyAlerts.CountAsync(a => a.AcknowledgedAt == null && a.EscalatedAt == null && a.AssignedTherapistId != null, ct);
        var people = waiting.Concat(history)
            .SelectMany(a => new[] { a.PatientId, a.AssignedTherapistId ?? a.PatientId, a.AcknowledgedById ?? a.PatientId }).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        AlertCard Card(SafetyAlert a) => new(a, names.GetValueOrDefault(a.PatientId, "A patient"), null,
            a.AssignedTherapistId is { } t ? names.GetValueOrDefault(t) : "None yet",
            a.AcknowledgedById is { } by ? (by == me ? "you" : names.GetValueOrDefault(by)) : null, zone, now,
            refused?.Id == a.Id ? refused.Value.Error : null, refused?.Id == a.Id ? refused.Value.Draft : null);
        Waiting = [.. waiting.Select(Card)];
        History = [.. history.Select(Card)];
        if (refused is { } r && waiting.All(a => a.Id != r.Id))
        {
            ModelState.AddModelError("", r.Error);
        }
    }
}
