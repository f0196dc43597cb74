using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

/// <summary>
/// The link in the e-mail opens a page with a button; the POST confirms. A GET never changes state,
/// so mail scanners that follow links cannot use up the token.
/// </summary>
[AllowAnonymous]
[NotAudited("confirms an address from its e-mailed link; the confirmation is recorded as account.email-confirmed")]
public sealed class ConfirmEmailModel(UserManager<RapportUser> users, Auditor audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public bool Confirmed { get; private set; }
    public bool Invalid { get; private set; }

    public void OnGet() => Invalid = UserId == Guid.Empty || string.IsNullOrEmpty(Code);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = UserId == Guid.Empty ? null : await users.FindByIdAsync(UserId.ToString());
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            token = "";
        }
        if (user is null || token.Length == 0)
        {
            Invalid = true;
            return Page();
        }
        if (user.EmailConfirmed)
        {
            Confirmed = true;
            return Page();
        }
        var result = await users.ConfirmEmailAsync(user, token);
        Invalid = !result.Succeeded;
        Confirmed = result.Succeeded;
        await audit.RecordAsync(AuditAction.EmailConfirmed, result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, user.Id, ct: ct);
        return Page();
    }
}
