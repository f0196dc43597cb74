using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages.Admin;

/// <summary>
/// The clinic's own crisis lines, by country (docs/clinical/safety-workflow.md#crisis-lines: a configurable list for each region), added to the lines shipped
/// in crisis-lines.json (Safety readme, rule 11). The rules for a valid entry are the entity's own.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[NotAudited("crisis lines by country are clinic configuration about no person; changes are audited as safety.crisis-resources-changed")]
public sealed class CrisisResourcesModel(AppDbContext db, ClinicCrisisLineChanges changes, CrisisLineBook book) : PageModel
{
    public int CountriesInFile => book.Countries.Count;

    /// <summary>Countries whose shipped entry nobody has yet compared with its source (verifiedOn null).</summary>
    public int NeedsLocalCheck => book.Countries.Count(c => c.VerifiedOn is null);

    public sealed class ResourceInput
    {
        public string? CountryCode { get; set; }
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? Text { get; set; }
        public string? Url { get; set; }
        public string? Hours { get; set; }
        public string? Notes { get; set; }
        public int SortOrder { get; set; }

        public CrisisResource.Details ToDetails() => new(CountryCode ?? "", Name ?? "", Phone, Text, Url, Hours ?? "", Notes, SortOrder);

        public static ResourceInput From(CrisisResource r) => new()
        {
            CountryCode = r.CountryCode,
            Name = r.Name,
            Phone = r.Phone,
            Text = r.Text,
            Url = r.Url,
            Hours = r.Hours,
            Notes = r.Notes,
            SortOrder = r.SortOrder,
        };
    }

    /// <summary>The fields of one form; the prefix keeps the ids of the edit and add forms apart.</summary>
    public sealed record ResourceForm(ResourceInput Input, string Prefix);

    public sealed record CountryGroup(string Code, string Name, IReadOnlyList<CrisisResource> Resources);

    public IReadOnlyList<CountryGroup> Countries { get; private set; } = [];

    /// <summary>The resource being edited (<c>?edit=</c>), shown in a form at the top.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    public CrisisResource? Editing { get; private set; }

    [BindProperty]
    public ResourceInput Input { get; set; } = new() { Hours = "24 hours" };

    /// <summary>Which form the last action was about, so its errors show beside it.</summary>
    public string? Section { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is not null)
        {
            if (Editing is null)
            {
                return NotFound();
            }
            Input = ResourceInput.From(Editing);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        Section = "add";
        Edit = null;
        return await this.AttemptAsync(async () =>
        {
            var resource = await changes.AddAsync(Input.ToDetails(), ct);
            return await DoneAsync($"Added {resource.Name} for {CountryName(resource.CountryCode)}.", ct);
        }, () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        Section = "edit";
        Edit = id;
        return await this.AttemptAsync(async () => await changes.ChangeAsync(id, Input.ToDetails(), ct) is { } resource
            ? await DoneAsync($"Saved {resource.Name} ({CountryName(resource.CountryCode)}).", ct)
            : NotFound(), () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        await changes.RemoveAsync(id, ct) is { } resource
            ? await DoneAsync($"Removed {resource.Name} ({CountryName(resource.CountryCode)}).", ct)
            : NotFound();

    private async Task<IActionResult> DoneAsync(string message, CancellationToken ct)
    {
        Message = message;
        Edit = null;
        Input = new() { Hours = "24 hours" };
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public static string CountryName(string code) => code == CrisisResource.Everywhere ? "every country" : ProfileChoices.CountryName(code);

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await db.CrisisResources.AsNoTracking().ToListAsync(ct);
        Countries = [.. all.GroupBy(r => r.CountryCode)
            .OrderBy(g => g.Key != CrisisResource.Everywhere).ThenBy(g => CountryName(g.Key), StringComparer.Ordinal)
            .Select(g => new CountryGroup(g.Key, g.Key == CrisisResource.Everywhere ? "Shown everywhere" : $"{CountryName(g.Key)} ({g.Key})",
                [.. g.OrderBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal)]))];
        Editing = Edit is { } id ? all.FirstOrDefault(r => r.Id == id) : null;
    }
}
