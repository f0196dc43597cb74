namespace Rapport.Web.Features.Safety;

/// <summary>
/// A public crisis line or emergency number for one country ("*" = shown everywhere). Admin-editable;
/// the seed holds real public numbers (ipt.md §3.1), to be checked by the clinical lead for each region served.
/// </summary>
public sealed class CrisisResource
{
    private CrisisResource() { }

    public const string Everywhere = "*";

    public Guid Id { get; private set; }
    public string CountryCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Phone { get; private set; }
    /// <summary>A number to text, for when speaking is not possible or the signal is weak.</summary>
    public string? Text { get; private set; }
    public string? Url { get; private set; }
    public string Hours { get; private set; } = "";
    public string? Notes { get; private set; }
    public int SortOrder { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    public sealed record Details(string CountryCode, string Name, string? Phone, string? Text, string? Url, string Hours, string? Notes, int SortOrder);

    public static CrisisResource Create(Details details, DateTimeOffset now)
    {
        var resource = new CrisisResource { Id = Guid.CreateVersion7(now) };
        resource.Change(details, now);
        return resource;
    }

    public void Change(Details details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var country = details.CountryCode?.Trim().ToUpperInvariant() ?? "";
        Require(country == Everywhere || (country.Length == 2 && country.All(char.IsAsciiLetterUpper)), "Country must be a two-letter code, or * for everywhere.");
        Require(!string.IsNullOrWhiteSpace(details.Name) && details.Name.Length <= 120, "Give the service a name (at most 120 characters).");
        Require(!string.IsNullOrWhiteSpace(details.Phone) || !string.IsNullOrWhiteSpace(details.Text) || !string.IsNullOrWhiteSpace(details.Url),
            "Give at least a phone number, a number to text, or a web address.");
        Require(string.IsNullOrWhiteSpace(details.Phone) || IsDialable(details.Phone), "A phone number may hold digits, spaces, + and dashes.");
        Require(string.IsNullOrWhiteSpace(details.Text) || IsDialable(details.Text), "A text number may hold digits, spaces, + and dashes.");
        Require(string.IsNullOrWhiteSpace(details.Url) || (Uri.TryCreate(details.Url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps),
            "A web address must start with https://.");
        Require((details.Hours?.Length ?? 0) <= 60 && (details.Notes?.Length ?? 0) <= 300, "Keep hours under 60 and notes under 300 characters.");

        CountryCode = country;
        Name = details.Name.Trim();
        Phone = Blank(details.Phone);
        Text = Blank(details.Text);
        Url = Blank(details.Url);
        Hours = details.Hours?.Trim() ?? "";
        Notes = Blank(details.Notes);
        SortOrder = details.SortOrder;
        UpdatedAt = now;
    }

    /// <summary>The tel: form of a number (digits and a leading +), for a link a phone can dial in one tap.</summary>
    public static string Dial(string number) => new([.. number.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0))]);

    private static bool IsDialable(string number) =>
        number.Length <= 32 && number.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-') && number.Any(char.IsAsciiDigit);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new RuleViolationException(SafetyRules.CrisisResourceInvalid, message);
        }
    }

    /// <summary>The seed: real public services. Ids are fixed because they ship in the migrations.</summary>
    internal static IEnumerable<object> Seed()
    {
        var n = 0;
        object Row(string country, string name, string? phone, string? text, string? url, string hours, string? notes) => new
        {
            Id = new Guid($"5afe0000-0000-4000-8000-{++n:D12}"),
            CountryCode = country,
            Name = name,
            Phone = phone,
            Text = text,
            Url = url,
            Hours = hours,
            Notes = notes,
            SortOrder = n,
            UpdatedAt = (DateTimeOffset?)null,
        };
        return
        [
            Row(Everywhere, "Emergency services", "112", null, null, "24 hours",
                "112 reaches emergency services from mobile phones across the EU and in many other countries. If it does not work where you are, call your local emergency number."),
            Row("US", "988 Suicide & Crisis Lifeline", "988", "988", "https://988lifeline.org", "24 hours", "Call or text. Free and confidential."),
            Row("US", "Emergency services", "911", null, null, "24 hours", null),
            Row("CA", "9-8-8 Suicide Crisis Helpline", "988", "988", "https://988.ca", "24 hours", "Call or text, in English or French."),
            Row("CA", "Emergency services", "911", null, null, "24 hours", null),
            Row("GB", "Samaritans", "116 123", null, "https://www.samaritans.org", "24 hours", "Free to call from any phone."),
            Row("GB", "Shout", null, "85258", "https://giveusashout.org", "24 hours", "Text SHOUT to 85258."),
            Row("GB", "Emergency services", "999", null, null, "24 hours", null),
            Row("IE", "Samaritans", "116 123", null, "https://www.samaritans.org/ireland", "24 hours", "Free to call from any phone."),
            Row("IE", "Text About It", null, "50808", "https://text50808.ie", "24 hours", "Text HELLO to 50808."),
            Row("IE", "Emergency services", "112", null, null, "24 hours", "999 also works."),
            Row("AU", "Lifeline", "13 11 14", "0477 13 11 14", "https://www.lifeline.org.au", "24 hours", null),
            Row("AU", "Emergency services", "000", null, null, "24 hours", null),
            Row("NZ", "Need to talk?", "1737", "1737", "https://1737.org.nz", "24 hours", "Call or text to talk with a trained counsellor."),
            Row("NZ", "Emergency services", "111", null, null, "24 hours", null),
            Row("DE", "TelefonSeelsorge", "0800 111 0 111", null, "https://www.telefonseelsorge.de", "24 hours", "Also 0800 111 0 222. Free and anonymous."),
            Row("FR", "3114 Numéro national de prévention du suicide", "3114", null, "https://3114.fr", "24 hours", null),
            Row("ES", "Línea 024 de atención a la conducta suicida", "024", null, null, "24 hours", null),
            Row("NL", "113 Zelfmoordpreventie", "113", null, "https://www.113.nl", "24 hours", "Or call 0800-0113 free."),
            Row("IN", "Tele-MANAS", "14416", null, "https://telemanas.mohfw.gov.in", "24 hours", "Also 1-800-891-4416."),
            Row("ZA", "SADAG Suicide Crisis Helpline", "0800 567 567", null, "https://www.sadag.org", "24 hours", null),
        ];
    }
}
