using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.DataRights.Pages;

/// <summary>
/// The patient's data rights (readme): their records to download, and the erasure request with, before they confirm,
/// exactly what is erased, when, and what is kept and why. The page turns the form into a call to
/// <see cref="ErasureRequests"/>, which owns every write, its audit entry and its e-mail.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadDataRights, PatientIsCaller = true)]
public sealed class MyDataModel(PeopleNames people, ErasureRequests erasures, IOptions<DataRightsOptions> options, IOptions<RetentionOptions> retention,
    TimeProvider clock) : PageModel
{
    [BindProperty] public string? Password { get; set; }

    public ErasureRequest? Latest { get; private set; }
    public int GraceDays => options.Value.ErasureGraceDays;
    public int RetentionYears { get; private set; }
    public string? Notice { get; private set; }
    public DateTimeOffset Now { get; private set; }
    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    public bool CanCancel => Latest is { IsPending: true } pending && Now < pending.CarryOutAfter;

    public string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Notice = TempData.TakeNotice();
        return Page();
    }

    public Task<IActionResult> OnPostRequestAsync(CancellationToken ct) => this.AttemptAsync(async () =>
    {
        await erasures.RequestAsync(User.UserId(), Password, ct);
        return this.RedirectWithNotice(DataRightsSetup.PagePath, "requested");
    }, () => LoadAsync(ct), e => ModelState.AddModelError(e.Rule == DataRightsRules.PasswordRequired ? nameof(Password) : "", e.Message));

    public Task<IActionResult> OnPostCancelAsync(Guid requestId, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        await erasures.CancelAsync(User.UserId(), requestId, ct);
        return this.RedirectWithNotice(DataRightsSetup.PagePath, "cancelled");
    }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = await people.People.Where(u => u.Id == User.UserId()).Select(u => new { u.CountryCode, u.TimeZoneId }).SingleAsync(ct);
        zone = TimeZoneInfo.TryFindSystemTimeZoneById(me.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        RetentionYears = retention.Value.YearsFor(me.CountryCode);
        Latest = await erasures.LatestAsync(User.UserId(), ct);
        Now = clock.GetUtcNow();
    }
}
