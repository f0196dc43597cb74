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
public sealed class AuditModel(PeopleNames people, AuditLogSearch search, AuditChainCheck chainCheck) : PageModel
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
        Guid? person = null;
        string? named = null;
        if (!string.IsNullOrWhiteSpace(Email))
        {
            named = Email.Trim();
            person = await people.WithEmailAsync(named, ct);
        }
        var page = await search.PageAsync(new AuditLogSearch.Filter(Action, Outcome, person, named, From, To, Before), PageSize, ct);
        Events = page.Events;
        NextBefore = page.NextBefore;
        Emails = (await people.ReachableAsync(Events.Where(e => e.UserId != null).Select(e => e.UserId!.Value), ct)).ToDictionary(r => r.Id, r => r.Email);
    }
}
