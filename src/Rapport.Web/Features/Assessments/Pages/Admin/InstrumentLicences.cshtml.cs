using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments.Pages.Admin;

/// <summary>
/// Restricted instruments and the clinic's permission to use them online (docs/clinical/measures.md#licences): until an admin records
/// a licence, an instrument is neither offered nor accepted. Recording a new licence replaces the previous one.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[NotAudited("instrument licences are clinic configuration about no person; a recorded licence is audited as assessment.licence-recorded")]
public sealed class InstrumentLicencesModel(AppDbContext db, InstrumentLicensing licensing, TimeProvider clock, LicensedInstrumentTexts licensedTexts) : PageModel
{
    public sealed class LicenceInput
    {
        public string? InstrumentId { get; set; }
        public string? Holder { get; set; }
        public string? Reference { get; set; }
        public DateOnly? ValidUntil { get; set; }
    }

    public sealed record Row(Instrument Instrument, InstrumentLicence? Licence, string Status, bool Offered);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty]
    public LicenceInput Input { get; set; } = new();

    public string? Message { get; private set; }

    public static IEnumerable<Instrument> Restricted => InstrumentCatalog.All.Where(i => i.Licence == LicenceKind.Restricted);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        return await this.AttemptAsync(async () =>
        {
            var licence = await licensing.RecordAsync(User.UserId(), Restricted.FirstOrDefault(i => i.Id == Input.InstrumentId)?.Id,
                Input.Holder, Input.Reference, Input.ValidUntil, ct);
            var instrument = InstrumentCatalog.Find(licence.InstrumentId)!;
            Message = !instrument.ContentBundled
                ? $"Licence recorded. {instrument.ShortName} is still not offered: its licensed form has to be loaded into Rapport first."
                : licensedTexts.For(instrument) is null
                ? $"Licence recorded. {instrument.ShortName} is still not offered: {licensedTexts.Problem(instrument)}"
                : $"Licence recorded. {instrument.ShortName} is now offered.";
            Input = new();
            ModelState.Clear();
            await LoadAsync(ct);
            return Page();
        }, () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var licences = await db.InstrumentLicences.AsNoTracking().ToListAsync(ct);
        Rows = [.. Restricted.Select(i =>
        {
            var licence = licences.FirstOrDefault(l => l.InstrumentId == i.Id);
            var valid = licence?.IsValidOn(today) == true;
            var status = licence is null ? "No licence recorded: not offered."
                : !valid ? $"The licence ended on {licence.ValidUntil:d MMMM yyyy}: not offered."
                : !i.ContentBundled ? "Licensed, but its licensed form is not loaded into Rapport: not offered."
                : licensedTexts.For(i) is null ? $"Licensed, but not offered: {licensedTexts.Problem(i)}"
                : "Licensed: offered.";
            return new Row(i, licence, status, valid && i.ContentBundled && licensedTexts.For(i) is not null);
        })];
    }
}
