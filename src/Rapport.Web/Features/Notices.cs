using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Rapport.Web.Features;

/// <summary>
/// The confirmation a page shows once after its form redirects ("Amendment added.", "Booked."). It travels in
/// TempData, a cookie sealed by Data Protection (<c>__Host-rapport-notice</c>, PlatformSetup), never in the query
/// string: an address stays in the browser's history and in proxy logs, a notice can name a person or a clinical
/// step, and a crafted <c>?done=</c> link could make the app show any words it liked (docs/security.md, "No clinical
/// content in addresses, e-mails or calendar files").
/// </summary>
public static class Notices
{
    private const string Key = "notice";

    /// <summary>Redirects to <paramref name="url"/> and leaves <paramref name="notice"/> for the page there.</summary>
    public static RedirectResult RedirectWithNotice(this PageModel page, string url, string notice)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.TempData[Key] = notice;
        return new RedirectResult(url);
    }

    /// <summary>The notice left by the redirect that led here, or null; reading it uses it up.</summary>
    public static string? TakeNotice(this ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        return tempData[Key] as string;
    }
}
