using System.Collections.Concurrent;
using System.Globalization;

namespace Rapport.Web.Features.Accounts;

/// <summary>The values a person may choose for time zone, language and country; anything else is refused.</summary>
public static class ProfileChoices
{
    /// <summary>The zone a form sent without JavaScript chooses, until the person picks theirs.</summary>
    public const string ZoneUntilChosen = "UTC";

    /// <summary>IANA ids known to this machine's tz database, sorted for a select list.</summary>
    public static readonly IReadOnlyList<string> TimeZones = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Where(id => id.Contains('/', StringComparison.Ordinal))
        .Append(ZoneUntilChosen)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// Words a person recognises ("Central European Time (Berlin)") rather than the IANA id. The runtime's
    /// ICU data names each zone; the "(UTC+01:00)" prefix is dropped because it changes with daylight saving.
    /// </summary>
    private static readonly Dictionary<string, string> TimeZoneLabels = TimeZones.ToDictionary(id => id, id =>
    {
        var name = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone.DisplayName : id;
        var close = name.StartsWith("(UTC", StringComparison.Ordinal) ? name.IndexOf(") ", StringComparison.Ordinal) : -1;
        name = close > 0 ? name[(close + 2)..] : name;
        var city = id.Contains('/', StringComparison.Ordinal) ? id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ') : "";
        return city.Length == 0 || name.Contains(city, StringComparison.Ordinal) ? name : $"{name} ({city})";
    }, StringComparer.Ordinal);

    public static string TimeZoneLabel(string id) => TimeZoneLabels.TryGetValue(id, out var label) ? label : id;

    private static readonly HashSet<string> TimeZoneSet = new(TimeZones, StringComparer.Ordinal);

    public static bool IsTimeZone(string? id) => id is not null && TimeZoneSet.Contains(id);

    /// <summary>The zone a stored id names, or UTC when it names none: a page always has a zone to show times in.</summary>
    // Looking a zone up takes a process-wide lock on every call; most pages ask for one, so known answers are kept.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static TimeZoneInfo ZoneOrUtc(string? id)
    {
        if (id is null)
        {
            return TimeZoneInfo.Utc;
        }
        if (Zones.TryGetValue(id, out var known))
        {
            return known;
        }
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        // Only real zones are kept, so a stream of made-up ids cannot grow the dictionary.
        return zone == TimeZoneInfo.Utc ? zone : Zones.GetOrAdd(id, zone);
    }

    public static readonly IReadOnlyList<(string Code, string Name)> Languages =
    [
        ("ar", "العربية (Arabic)"), ("bn", "বাংলা (Bengali)"), ("de", "Deutsch (German)"), ("en", "English"),
        ("es", "Español (Spanish)"), ("fa", "فارسی (Persian)"), ("fr", "Français (French)"), ("hi", "हिन्दी (Hindi)"),
        ("it", "Italiano (Italian)"), ("ja", "日本語 (Japanese)"), ("ko", "한국어 (Korean)"), ("nl", "Nederlands (Dutch)"),
        ("pl", "Polski (Polish)"), ("pt", "Português (Portuguese)"), ("ro", "Română (Romanian)"), ("ru", "Русский (Russian)"),
        ("sw", "Kiswahili (Swahili)"), ("ta", "தமிழ் (Tamil)"), ("tr", "Türkçe (Turkish)"), ("uk", "Українська (Ukrainian)"),
        ("ur", "اردو (Urdu)"), ("vi", "Tiếng Việt (Vietnamese)"), ("zh", "中文 (Chinese)"),
    ];

    public static bool IsLanguage(string? code) => Languages.Any(l => l.Code == code);

    /// <summary>Countries from the runtime's ICU data: every ISO 3166 region with a specific culture.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Countries = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name);
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .OfType<RegionInfo>()
        .Where(r => r.TwoLetterISORegionName.Length == 2 && char.IsLetter(r.TwoLetterISORegionName[0]))
        .DistinctBy(r => r.TwoLetterISORegionName)
        .Select(r => (r.TwoLetterISORegionName, r.EnglishName))
        .OrderBy(r => r.EnglishName, StringComparer.Ordinal)
        .ToArray();

    public static bool IsCountry(string? code) => code is { Length: 2 } && Countries.Any(c => c.Code == code);

    public static string CountryName(string code) => Countries.FirstOrDefault(c => c.Code == code).Name ?? code;

    /// <summary>
    /// The country's name as it reads inside an English sentence: "licensed for the United Kingdom", "in the
    /// Netherlands", but "for Germany". The ICU names carry no article; the ones English gives one are plurals, unions
    /// and republics named by their kind.
    /// </summary>
    public static string CountryNameInSentence(string code)
    {
        var name = CountryName(code);
        var takesThe = name.StartsWith("United ", StringComparison.Ordinal) || name.EndsWith(" Islands", StringComparison.Ordinal)
            || name.EndsWith(" Republic", StringComparison.Ordinal) || PluralCountryNames.Contains(name);
        return takesThe ? "the " + name : name;
    }

    private static readonly HashSet<string> PluralCountryNames = new(StringComparer.Ordinal)
    {
        "Bahamas", "Comoros", "Gambia", "Maldives", "Netherlands", "Philippines", "Seychelles",
    };

    public static string LanguageName(string code) => Languages.FirstOrDefault(l => l.Code == code).Name ?? code;

    /// <summary>The language's English name ("Spanish" for "es"), for sentences written in English.</summary>
    public static string LanguageNameInEnglish(string code)
    {
        var name = LanguageName(code);
        var open = name.IndexOf('(', StringComparison.Ordinal);
        return open >= 0 && name.EndsWith(')') ? name[(open + 1)..^1] : name;
    }
}
