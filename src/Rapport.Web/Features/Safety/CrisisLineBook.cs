using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// The crisis lines shipped with the app for every country a patient may choose (<c>crisis-lines.json</c>, embedded):
/// read and checked once at start-up, then kept in memory. A file rather than seed rows, so a change to a country's
/// numbers is a reviewed commit with its source and the date it was checked (Safety readme, rule 9).
/// </summary>
public sealed class CrisisLineBook
{
    public sealed record Emergency(string Number, string? Notes);

    public sealed record Service(string Name, string? Phone, string? Text, string? Url, string? Hours, IReadOnlyList<string>? Languages, string? Notes);

    /// <summary>One country's lines. <see cref="VerifiedOn"/> null means nobody has yet compared the entry with its source.</summary>
    public sealed record Country(
        [property: JsonPropertyName("country")] string Code, Emergency Emergency, IReadOnlyList<Service> Services, string Source, DateOnly? VerifiedOn);

    private sealed record FileShape(IReadOnlyList<Country> Countries);

    /// <summary>For a patient whose country has no entry: the number GSM phones route to emergency services in most countries.</summary>
    public static readonly Emergency Unknown = new("112",
        "112 is the emergency number built into mobile phones. If it does not work where you are, call the local emergency number.");

    private const string Resource = "Rapport.Web.Features.Safety.crisis-lines.json";
    private readonly Dictionary<string, Country> byCode;

    private CrisisLineBook(IReadOnlyList<Country> countries) =>
        byCode = countries.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public IReadOnlyCollection<Country> Countries => byCode.Values;

    public Country? For(string? code) => code is not null && byCode.TryGetValue(code.Trim().ToUpperInvariant(), out var country) ? country : null;

    public static CrisisLineBook Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in the app.");
        return Read(stream);
    }

    /// <summary>Reads and checks a file: a broken entry stops the app at start-up instead of showing a patient a wrong line.</summary>
    internal static CrisisLineBook Read(Stream json)
    {
        var file = JsonSerializer.Deserialize<FileShape>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The crisis lines file is empty.");
        foreach (var country in file.Countries)
        {
            Check(country);
        }
        var twice = file.Countries.GroupBy(c => c.Code).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"The crisis lines file lists {twice.Key} twice.");
        }
        return new CrisisLineBook(file.Countries);
    }

    private static void Check(Country country)
    {
        string Where(string what) => $"Crisis lines for {country.Code}: {what}";
        if (country.Code is not { Length: 2 } code || !code.All(char.IsAsciiLetterUpper))
        {
            throw new InvalidOperationException(Where("the country must be a two-letter upper-case code."));
        }
        if (country.Emergency is null || !CrisisResource.IsDialable(country.Emergency.Number))
        {
            throw new InvalidOperationException(Where("the emergency number is missing or not a number."));
        }
        if (!Uri.TryCreate(country.Source, UriKind.Absolute, out var source) || source.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(Where("the source must be the https address where the numbers were published."));
        }
        foreach (var service in country.Services ?? [])
        {
            // The same rules as a line the clinic adds on the admin page.
            try
            {
                CrisisResource.Create(new CrisisResource.Details(country.Code, service.Name, service.Phone, service.Text, service.Url, service.Hours ?? "", service.Notes, 0),
                    DateTimeOffset.UnixEpoch);
            }
            catch (RuleViolationException e)
            {
                throw new InvalidOperationException(Where($"{service.Name}: {e.Message}"), e);
            }
        }
    }
}
