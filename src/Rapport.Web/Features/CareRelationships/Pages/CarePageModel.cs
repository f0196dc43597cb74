using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.CareRelationships.Pages;

/// <summary>A refused form (and, for a row's button, which row) with the rule's words and what was typed into it.</summary>
public sealed record CareRefusal(Guid? Id, string Form, string Message, IReadOnlyDictionary<string, string> Typed);

/// <summary>
/// What the care pages share: a change runs through <see cref="CareRelationshipService"/> and redirects with a fixed
/// confirmation code (never text in the address); a rule's refusal shows beside its form with status 400 and what was
/// typed kept; someone else's relationship is 404; times read in the viewer's zone.
/// </summary>
public abstract class CarePageModel : PageModel
{
    public TimeZoneInfo Zone { get; protected set; } = TimeZoneInfo.Utc;
    public string? Confirmation { get; private set; }
    public CareRefusal? Refused { get; private set; }

    /// <summary>This page's address, where a change redirects.</summary>
    protected abstract string PagePath { get; }

    /// <summary>Fixed confirmations, keyed by the code the change leaves as its notice (<see cref="Notices"/>).</summary>
    protected abstract IReadOnlyDictionary<string, string> Confirmations { get; }

    protected abstract Task LoadAsync(CancellationToken ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Confirmation = TempData.TakeNotice() is { } done && Confirmations.TryGetValue(done, out var text) ? text : null;
        await LoadAsync(ct);
    }

    public CareRefusal? RefusalFor(Guid? id, string form) => Refused is { } r && r.Id == id && r.Form == form ? r : null;

    public string? ErrorFor(Guid? id, string form) => RefusalFor(id, form)?.Message;

    public string Typed(Guid? id, string form, string field) => RefusalFor(id, form)?.Typed.GetValueOrDefault(field) ?? "";

    public string When(DateTimeOffset utc) => CarePageText.When(utc, Zone);

    public string Date(DateTimeOffset utc) => CarePageText.Date(utc, Zone);

    /// <summary>Runs one change for the signed-in person; <paramref name="change"/> returns the confirmation code.</summary>
    protected async Task<IActionResult> RunAsync(Guid? id, string form, Func<Guid, Task<string>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await this.AttemptAsync(async () => this.RedirectWithNotice(PagePath, await change(User.UserId())), () => LoadAsync(ct), e =>
        {
            var typed = Request.HasFormContentType
                ? Request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString())
                : [];
            Refused = new CareRefusal(id, form, e.Message, typed);
        });
    }
}
