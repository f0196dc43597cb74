using System.Text.RegularExpressions;
using Rapport.UnitTests.Infrastructure;

namespace Rapport.UnitTests.Features.Platform;

/// <summary>
/// Views name their form fields with <c>asp-for</c> and link pages with <c>asp-page</c>/<c>asp-route-*</c>
/// (docs/architecture.md, "Pages"): a renamed property or a moved page then breaks the build, not a form or a link in
/// production. A field bound to a list (a group of checkboxes or radios) is named with <c>Html.NameFor</c>, which
/// <c>asp-for</c> cannot render. Only stylesheets and scripts keep a literal address: they are static files, not pages.
/// </summary>
public sealed partial class ViewTagHelpersTests
{
    [Fact]
    public void ViewsNameFieldsAndLinkPagesThroughTagHelpers()
    {
        var web = Path.Combine(Repository.Root(), "src", "Rapport.Web");
        var found = Directory.EnumerateFiles(Path.Combine(web, "Features"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f).Replace(Path.DirectorySeparatorChar, '/'), Line: i + 1, Text: line)))
            .Where(l => HandWrittenName().IsMatch(l.Text) || LiteralPageAddress().IsMatch(l.Text)
                || (!IsPartial(l.File) && HandWrittenModelName().IsMatch(l.Text)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0,
            "Name these fields with asp-for (or Html.NameFor for a list) and link these pages with asp-page and asp-route-*:\n  " + string.Join("\n  ", found));
    }

    /// <summary>A link to a page that has moved renders an empty address without any error, so each one is checked here.</summary>
    [Fact]
    public void EveryPageAViewLinksToExists()
    {
        var features = Path.Combine(Repository.Root(), "src", "Rapport.Web", "Features");
        var missing = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => LinkedPage().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Where(page => !File.Exists(Path.Combine(features, page.TrimStart('/') + ".cshtml")))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "These pages do not exist; link where they moved:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void TheScanCatchesAHandWrittenFieldNameAndALiteralLinkToAPage()
    {
        Assert.Matches(HandWrittenName(), """<input name="Form.Email" value="@Model.Form.Email">""");
        Assert.Matches(LiteralPageAddress(), """<p><a class="button" href="/appointments">Appointments</a></p>""");
        Assert.Matches(LiteralPageAddress(), """<form method="post" action="/account/sign-out">""");
        Assert.DoesNotMatch(LiteralPageAddress(), """<link rel="modulepreload" href="/js/live/ui.js">""");
        Assert.DoesNotMatch(HandWrittenName(), """<input asp-for="Form.Email">""");
        Assert.Matches(HandWrittenModelName(), """<input id="window-start" name="Window.Start" type="time">""");
        Assert.DoesNotMatch(HandWrittenModelName(), """<input type="hidden" name="messageId" value="@m.Id">""");
    }

    [Fact]
    public void TheScanReadsAPageNameLinkedThroughTheTagHelperAndThroughPageLinks()
    {
        Assert.Equal("/Booking/Pages/Appointments", LinkedPage().Match("""<a asp-page="/Booking/Pages/Appointments">""").Groups[1].Value);
        Assert.Equal("/Safety/Pages/SafetyPlan", LinkedPage().Match("""<a href="@Href("/Safety/Pages/SafetyPlan")">""").Groups[1].Value);
    }

    /// <summary>
    /// A partial whose model is a view model posts its page's prefix by hand (docs/architecture.md, "Pages"), which
    /// <c>asp-for</c> cannot render; a page's own view has no such excuse for a property path.
    /// </summary>
    private static bool IsPartial(string file) => Path.GetFileName(file).StartsWith('_');

    // A link by page name, through the tag helper or through PageLinks (Platform/PageLinks.cs).
    [GeneratedRegex("(?:asp-page=\"|Href\\(\")(/[^\"]+)\"")]
    private static partial Regex LinkedPage();

    [GeneratedRegex("""name="Form\.""")]
    private static partial Regex HandWrittenName();

    /// <summary>A property path of the page's model (<c>Window.Start</c>), which is what <c>asp-for</c> renders.</summary>
    [GeneratedRegex("""name="[A-Z]\w*\.""")]
    private static partial Regex HandWrittenModelName();

    /// <summary>An anchor's or a form's literal local address; a link or script element's is a static file.</summary>
    [GeneratedRegex("""<(a|form)\b[^>]*\b(href|action)="/""")]
    private static partial Regex LiteralPageAddress();
}
