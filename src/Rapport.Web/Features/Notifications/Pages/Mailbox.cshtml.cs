using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Notifications.Pages;

/// <summary>
/// Development only: the messages the pickup-folder transport wrote, newest first, so a developer can
/// follow a confirmation or invitation link without a mail server. Answers 404 in any other environment.
/// </summary>
[AllowAnonymous]
[NotAudited("development only (404 in every other environment): the pickup folder of the demo clinic's made-up mail")]
public sealed class MailboxModel(IHostEnvironment env, IMailTransport transport) : PageModel
{
    public sealed record Mail(string File, DateTimeOffset Date, string To, string Subject, string Body);

    public IReadOnlyList<Mail> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!env.IsDevelopment() || transport is not PickupFolderMailTransport pickup)
        {
            return NotFound();
        }
        var dir = new DirectoryInfo(pickup.Directory);
        if (!dir.Exists)
        {
            return Page();
        }
        var list = new List<Mail>();
        foreach (var file in dir.EnumerateFiles("*.eml").OrderByDescending(f => f.Name, StringComparer.Ordinal).Take(50))
        {
            var message = await MimeMessage.LoadAsync(file.FullName, ct);
            list.Add(new Mail(file.Name, message.Date, message.To.ToString(), message.Subject ?? "", message.TextBody ?? ""));
        }
        Messages = list;
        return Page();
    }
}
