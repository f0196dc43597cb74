using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>What a person's browser does: GET a page, post its form with the anti-forgery token, keep cookies.</summary>
public sealed partial class Visitor(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public sealed record Page(HttpStatusCode Status, string Html, string? Location, HttpResponseMessage Response)
    {
        public string Text => WebUtility.HtmlDecode(Tags().Replace(Html, " "));

        /// <summary>The text with every run of spaces and line breaks made one space: sentences as a reader sees them.</summary>
        public string Words => Spaces().Replace(Text, " ");

        /// <summary>
        /// The markup as a browser reads a form: the line break that <c>asp-for</c> writes right after a textarea's
        /// opening tag is not part of its value (HTML drops it), so <c>&gt;typed&lt;/textarea&gt;</c> finds what the field holds.
        /// </summary>
        public string Form => TextAreaOpening().Replace(Html, "$1");
    }

    public async Task<Page> GetAsync(string url) => await ReadAsync(await Http.GetAsync(url));

    /// <summary>True when the page opens (200), false when the visitor is sent away or refused.</summary>
    public async Task<bool> CanOpenAsync(string url) => (await GetAsync(url)).Status == HttpStatusCode.OK;

    /// <summary>Follows redirects (at most 5) like a browser and returns the final page and its address.</summary>
    public async Task<(Page Page, string Url)> GetFollowingAsync(string url)
    {
        for (var i = 0; i < 5; i++)
        {
            var page = await GetAsync(url);
            if (page.Location is null || (int)page.Status is < 300 or >= 400)
            {
                return (page, url);
            }
            url = page.Location;
        }
        throw new InvalidOperationException("Too many redirects from " + url);
    }

    /// <summary>Opens <paramref name="formPage"/>, takes its anti-forgery token and posts the fields to <paramref name="action"/> (default: the same page).</summary>
    public Task<Page> PostFormAsync(string formPage, IDictionary<string, string> fields, string? action = null) =>
        PostFormAsync(formPage, (IEnumerable<KeyValuePair<string, string>>)fields, action);

    /// <summary>As above, with a field that repeats (ticked checkboxes of one name).</summary>
    public async Task<Page> PostFormAsync(string formPage, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var form = await GetAsync(formPage);
        var token = AntiforgeryToken().Match(form.Html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No form with an anti-forgery token on {formPage} ({form.Status}).");
        }
        var body = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await ReadAsync(await Http.PostAsync(action ?? formPage, new FormUrlEncodedContent(body)));
    }

    /// <summary>
    /// Opens <paramref name="formPage"/> and sends its form as a browser would after the person changed some fields: every
    /// field with the value the page gave it (text inputs, hidden inputs, the selected option of each list, textareas),
    /// with <paramref name="changes"/> typed over them. The form is the one that holds the first changed field.
    /// </summary>
    public async Task<Page> SubmitFormAsync(string formPage, IDictionary<string, string> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var page = await GetAsync(formPage);
        var first = changes.Keys.First();
        var form = Forms().Matches(page.Html).Select(m => m.Value).FirstOrDefault(f => f.Contains($"name=\"{first}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form on {formPage} ({page.Status}) has a field {first}.");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Inputs().Matches(form))
        {
            var type = Attribute(input.Value, "type") ?? "text";
            if (Attribute(input.Value, "name") is { } name && type is not ("submit" or "button" or "checkbox" or "radio"))
            {
                fields[name] = Attribute(input.Value, "value") ?? "";
            }
        }
        foreach (Match select in Selects().Matches(form))
        {
            var chosen = SelectedOptions().Match(select.Groups[2].Value);
            fields[select.Groups[1].Value] = chosen.Success ? WebUtility.HtmlDecode(chosen.Groups[1].Value) : "";
        }
        foreach (Match area in TextAreas().Matches(form))
        {
            fields[area.Groups[1].Value] = WebUtility.HtmlDecode(area.Groups[2].Value.TrimStart('\r').TrimStart('\n'));
        }
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }
        return await ReadAsync(await Http.PostAsync(formPage, new FormUrlEncodedContent(fields)));
    }

    private static string? Attribute(string tag, string name)
    {
        var found = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return found.Success ? WebUtility.HtmlDecode(found.Groups[1].Value) : null;
    }

    public async Task<Page> SignInAsync(TestAccount account)
    {
        var page = await PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = account.Email,
            ["Input.Password"] = account.Password,
        });
        if (page.Location?.StartsWith("/account/sign-in/two-factor", StringComparison.Ordinal) == true)
        {
            page = await PostFormAsync(page.Location, new Dictionary<string, string> { ["Code"] = account.CurrentCode() });
        }
        if (page.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {account.Email} failed: {page.Status} {page.Text[..Math.Min(400, page.Text.Length)]}");
        }
        return page;
    }

    public async Task<string> ApiTokenAsync(TestAccount account)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/token", new
        {
            email = account.Email,
            password = account.Password,
            twoFactorCode = account.AuthenticatorKey is null ? null : account.CurrentCode(),
        });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("accessToken").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response.StatusCode, html, response.Headers.Location?.OriginalString, response);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex Inputs();

    [GeneratedRegex("<select\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Selects();

    [GeneratedRegex("<option\\b[^>]*\\svalue=\"([^\"]*)\"[^>]*\\sselected=\"selected\"")]
    private static partial Regex SelectedOptions();

    [GeneratedRegex("<textarea\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextAreas();

    [GeneratedRegex("(<textarea[^>]*>)\r?\n")]
    private static partial Regex TextAreaOpening();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
