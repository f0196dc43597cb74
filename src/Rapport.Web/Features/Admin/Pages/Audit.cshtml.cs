using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Admin.Pages;

[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.ReadAuditLog)]
public sealed class AuditModel(AppDbContext db, AuditChainCheck chainCheck) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Emails { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public AuditChainReport? Verification { get; private set; }
    public long? NextBefore { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await chainCheck.VerifyAndRecordAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Actions = typeof(AuditAction).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal).ToArray();
        var q = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Action))
        {
            q = q.Where(e => e.Action == Action);
        }
        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            q = q.Where(e => e.Outcome == Outcome);
        }
        if (!string.IsNullOrWhiteSpace(Email))
        {
            var email = Email.Trim();
            var id = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            // An unknown address matches only rows that name it (failed sign-ins), never every anonymous row.
            q = id is { } known ? q.Where(e => e.UserId == known || e.Subject == email) : q.Where(e => e.Subject == email);
        }
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(e => e.OccurredAt >= start);
        }
        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(e => e.OccurredAt < end);
        }
        if (Before is { } before)
        {
            q = q.Where(e => e.Sequence < before);
        }
        var rows = await q.OrderByDescending(e => e.Sequence).Take(PageSize + 1).ToListAsync(ct);
        NextBefore = rows.Count > PageSize ? rows[PageSize - 1].Sequence : null;
        Events = rows.Take(PageSize).ToArray();
        var ids = Events.Where(e => e.UserId != null).Select(e => e.UserId!.Value).Distinct().ToArray();
        Emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
    }
}
