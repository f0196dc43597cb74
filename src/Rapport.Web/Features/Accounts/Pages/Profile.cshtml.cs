using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

/// <summary>
/// The patient's own details (Accounts readme, rule 12): the name Rapport uses, the phone their therapist calls when a
/// session goes wrong (needed before the first appointment, Booking readme), the zone every time is shown in, the
/// language they prefer and the country whose crisis lines they see. Someone who registered without JavaScript was
/// given UTC, and someone who moves needs another zone and country: both are corrected here. A booking refused for want
/// of a phone links here with <c>returnUrl</c>, and the patient is sent back once it is saved.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadOwnProfile, PatientIsCaller = true)]
public sealed class ProfileModel(AppDbContext db, AccountDetails details) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the name you would like us to use.")]
    [StringLength(RapportUser.MaxNameLength, ErrorMessage = "Use at most 100 characters for your name.")]
    [PersonName]
    public string? DisplayName { get; set; }

    [BindProperty] public string? PhoneNumber { get; set; }
    [BindProperty] public ProfileInput Profile { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>The phone stored now, in E.164; null until the patient gives one.</summary>
    public string? Current { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await MeAsync(ct);
        Current = me.PhoneNumber;
        DisplayName = me.DisplayName;
        PhoneNumber = me.PhoneNumber is { } phone ? InternationalPhone.Display(phone) : null;
        Profile = new ProfileInput { TimeZoneId = me.TimeZoneId, PreferredLanguage = me.PreferredLanguage, CountryCode = me.CountryCode };
        Saved = TempData.TakeNotice() == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await MeAsync(ct);
        Current = me.PhoneNumber;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await this.AttemptAsync(async () =>
        {
            await details.ChangeAsync(me, new AccountDetails.Change(DisplayName, Profile.TimeZoneId, Profile.PreferredLanguage, Profile.CountryCode, PhoneNumber), ct);
            return Url.IsLocalUrl(ReturnUrl) ? Redirect(ReturnUrl) : this.RedirectWithNotice("/account/profile", "saved");
        }, () => Task.CompletedTask, refused => ModelState.AddModelError(
            refused.Rule is AccountRules.DetailsInvalid ? "" : nameof(PhoneNumber), refused.Message));
    }

    private async Task<RapportUser> MeAsync(CancellationToken ct) =>
        await db.Users.FindAsync([User.UserId()], ct) ?? throw new NotFoundException();
}
