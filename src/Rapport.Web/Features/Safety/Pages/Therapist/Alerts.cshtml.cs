using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages.Therapist;

/// <summary>
/// The therapist's safety alerts: the open ones oldest first (the one waiting longest is the most urgent), each
/// acknowledged with a note of the action taken; then the recently acknowledged ones.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.SafetyAlertRead)]
public sealed class AlertsModel(AppDbContext db, AcknowledgeAlert acknowledge, TimeProvider clock) : PageModel
{
    public const int RecentCount = 20;

    public IReadOnlyList<AlertCard> Open { get; private set; } = [];
    public IReadOnlyList<AlertCard> Recent { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, [FromForm] string? note, CancellationToken ct)
    {
        var outcome = await acknowledge.HandleAsync(new AcknowledgeAlert.Request(id, User.UserId(), AsAdmin: false, note), ct);
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
        // Entities, not projections: the action note is clinical text, decrypted only when the entity is loaded.
        var open = await db.SafetyAlerts.AsNoTracking().Where(a => a.AssignedTherapistId == me && a.AcknowledgedAt == null)
            .OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var recent = await db.SafetyAlerts.AsNoTracking().Where(a => a.AssignedTherapistId == me && a.AcknowledgedAt != null)
            .OrderByDescending(a => a.AcknowledgedAt).Take(RecentCount).ToListAsync(ct);
        var people = open.Concat(recent).SelectMany(a => new[] { a.PatientId, a.AcknowledgedById ?? a.PatientId }).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        AlertCard Card(SafetyAlert a) => new(a, names.GetValueOrDefault(a.PatientId, "A patient"), $"/therapist/patients/{a.PatientId}", null,
            a.AcknowledgedById is { } by ? (by == me ? "you" : names.GetValueOrDefault(by)) : null, zone, now,
            refused?.Id == a.Id ? refused.Value.Error : null, refused?.Id == a.Id ? refused.Value.Draft : null);
        Open = [.. open.Select(Card)];
        Recent = [.. recent.Select(Card)];
        if (refused is { } r && open.All(a => a.Id != r.Id))
        {
            // The alert closed meanwhile (someone else acknowledged it): say so at the top, where it will be seen.
            ModelState.AddModelError("", r.Error);
        }
    }
}
