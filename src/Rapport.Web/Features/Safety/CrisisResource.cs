namespace Rapport.Web.Features.Safety;

/// <summary>
/// A clinic's own crisis line for one country ("*" = shown everywhere), kept on the admin page. The lines every
/// country gets are in <c>crisis-lines.json</c> (<see cref="CrisisLineBook"/>); these add to them or replace one with
/// the same number (Safety readme, rule 11).
/// </summary>
public sealed class CrisisResource
{
    /// <summary>The longest note under a line's name; a longer one is refused, never cut.</summary>
    public const int MaxNotesLength = 300;

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
        Require((details.Hours?.Length ?? 0) <= 60 && (details.Notes?.Length ?? 0) <= MaxNotesLength, "Keep hours under 60 and notes under 300 characters.");

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

    internal static bool IsDialable(string? number) => number is not null &&
        number.Length <= 32 && number.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-') && number.Any(char.IsAsciiDigit);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new RuleViolationException(SafetyRules.CrisisResourceInvalid, message);
        }
    }
}
