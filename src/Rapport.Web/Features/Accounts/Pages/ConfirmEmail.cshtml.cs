using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

/// <summary>
/// The link in the e-mail opens a page with a button; the POST confirms. A GET never changes state,
/// so mail scanners that follow links cannot use up the token.
/// </summary>
[AllowAnonymous]
[NotAudited("confirms an address from its e-mailed link; the confirmation is recorded as account.email-confirmed")]
public sealed class ConfirmEmailModel(EmailConfirmation confirmation) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public bool Confirmed { get; private set; }
    public bool Invalid { get; private set; }

    public void OnGet() => Invalid = UserId == Guid.Empty || string.IsNullOrEmpty(Code);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Confirmed = await confirmation.ConfirmAsync(UserId, Code, ct);
        Invalid = !Confirmed;
        return Page();
    }
}
