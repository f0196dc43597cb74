using System.Net;
using System.Text.RegularExpressions;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>A first conversation booked the way a patient books one: the first free time pressed on the therapist's page.</summary>
public static partial class FirstConversations
{
    /// <summary>The booking's answer: a redirect to the appointment, or the same page saying why it was refused.</summary>
    public static async Task<Visitor.Page> BookFirstFreeTimeAsync(this Visitor browser, Guid therapistId)
    {
        var page = $"/therapists/{therapistId}";
        var start = FirstStart((await browser.GetAsync(page)).Html);
        return await browser.PostFormAsync(page, new Dictionary<string, string> { ["start"] = start, ["week"] = "0" }, page + "?handler=Book");
    }

    /// <summary>The value of the first free time's button on a page that offers times.</summary>
    public static string FirstStart(string html) =>
        WebUtility.HtmlDecode(StartButton().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No free time to choose."));

    [GeneratedRegex("name=\"start\" value=\"([^\"]+)\"")]
    private static partial Regex StartButton();
}
