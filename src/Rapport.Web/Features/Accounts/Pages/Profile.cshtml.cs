using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

/// <summary>
/// The patient's own details that Rapport needs to reach them: for now the phone number, which is needed before the
/// first appointment (Booking readme). A booking refused for want of it links here with <c>returnUrl</c>, and the patient
/// is sent back once it is saved.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadOwnProfile, PatientIsCaller = true)]
public sealed class ProfileModel(AppDbContext db, PatientPhone phones) : PageModel
{
    [BindProperty] public string? PhoneNumber { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Current { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await MeAsync(ct);
        Current = me.PhoneNumber;
        PhoneNumber = me.PhoneNumber is { } phone ? InternationalPhone.Display(phone) : null;
        Saved = TempData.TakeNotice() == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await MeAsync(ct);
        Current = me.PhoneNumber;
        return await this.AttemptAsync(async () =>
        {
            await phones.ChangeAsync(me, PhoneNumber, ct);
            return Url.IsLocalUrl(ReturnUrl) ? Redirect(ReturnUrl) : this.RedirectWithNotice("/account/profile", "saved");
        }, () => Task.CompletedTask, e => ModelState.AddModelError(nameof(PhoneNumber), e.Message));
    }

    private async Task<RapportUser> MeAsync(CancellationToken ct) =>
        await db.Users.FindAsync([User.UserId()], ct) ?? throw new NotFoundException();
}
