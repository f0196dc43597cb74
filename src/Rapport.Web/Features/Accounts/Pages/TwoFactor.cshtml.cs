using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Accounts.Pages;

/// <summary>
/// Enrols an authenticator app (TOTP, RFC 6238) and issues recovery codes. Staff reach this page
/// before anything else and cannot turn the second factor off; patients are offered it.
/// </summary>
[SecretsInBody]
[NotAudited("the caller's own second factor; enrolling, disabling and new recovery codes are recorded as account.2fa-* events")]
public sealed class TwoFactorModel(UserManager<RapportUser> users, TwoFactorEnrolment enrolment) : PageModel
{
    public bool Enabled { get; private set; }
    public bool IsStaff { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    /// <summary>Opens the authenticator app directly on the phone that shows this page (where scanning is impossible).</summary>
    public string OtpAuthUri { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    [Display(Name = "Code from your app")]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (Enabled)
        {
            return Page();
        }
        if (await enrolment.EnableAsync(user, Code, ct) is not { } recoveryCodes)
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Check that your phone's clock is correct and enter the code your app shows now.");
            return Page();
        }
        RecoveryCodes = recoveryCodes;
        RecoveryCodesLeft = RecoveryCodes.Count;
        Enabled = true;
        Message = "Your authenticator app is set up. From now on you will enter a code from it when you sign in.";
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!Enabled)
        {
            return Page();
        }
        RecoveryCodes = await enrolment.NewRecoveryCodesAsync(user, ct);
        RecoveryCodesLeft = RecoveryCodes.Count;
        Message = "New recovery codes are ready; the old ones no longer work.";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!await enrolment.DisableAsync(user, ct))
        {
            ModelState.AddModelError("", "Therapists and admins must keep a second factor.");
            return Page();
        }
        await LoadAsync();
        Message = "The second factor is turned off.";
        return Page();
    }

    private async Task<RapportUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        IsStaff = await enrolment.IsStaffAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return user;
        }
        var key = await enrolment.AuthenticatorKeyAsync(user);
        SharedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode("Rapport")}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer=Rapport&digits=6";
        OtpAuthUri = uri;
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(4));
        return user;
    }
}
