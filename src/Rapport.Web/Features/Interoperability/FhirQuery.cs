using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Rapport.Web.Features.Interoperability;

/// <summary>
/// A search's parameters, checked strictly: a parameter the resource does not support, a repeated one that cannot
/// repeat or a malformed value is a 400 with an OperationOutcome saying which (Interoperability readme, rule 5),
/// never silently ignored, so a client never mistakes an unfiltered answer for a filtered one.
/// </summary>
public sealed class FhirQuery
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;
    public const string CountParameter = "_count";
    public const string OffsetParameter = "_offset";

    private readonly Dictionary<string, StringValues> values;

    private FhirQuery(Dictionary<string, StringValues> values, int count, int offset)
    {
        this.values = values;
        Count = count;
        Offset = offset;
    }

    /// <summary>A read: no parameters, one resource.</summary>
    public static readonly FhirQuery ById = new([], 1, 0);

    /// <summary>Everything the caller may see, unpaged: the patient's own copy of their records.</summary>
    public static readonly FhirQuery Everything = new([], int.MaxValue, 0);

    public int Count { get; }
    public int Offset { get; }

    /// <summary>The parameters as given, to build the next page's link from.</summary>
    public IEnumerable<KeyValuePair<string, StringValues>> Values => values;

    public static FhirQuery Parse(IQueryCollection query, IReadOnlyCollection<string> supported)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(supported);
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (name == "_format")
            {
                if (value.Any(v => v is not ("json" or FhirJson.MediaType or "application/json")))
                {
                    throw new FhirRequestException("Only _format=json is supported.");
                }
                continue;
            }
            if (name is not (CountParameter or OffsetParameter) && !supported.Contains(name))
            {
                throw new FhirRequestException($"The search parameter '{Clip(name)}' is not supported here. Supported: {string.Join(", ", supported.Append(CountParameter))}.");
            }
            values[name] = value;
        }
        var count = Integer(values, CountParameter, DefaultCount, 0, MaxCount);
        var offset = Integer(values, OffsetParameter, 0, 0, 100_000);
        return new FhirQuery(values, count, offset);
    }

    private static int Integer(Dictionary<string, StringValues> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var given))
        {
            return fallback;
        }
        if (given.Count != 1 || !int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new FhirRequestException($"{name} must be a whole number from {min} to {max}.");
        }
        return number;
    }

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>A parameter that may be given once.</summary>
    public string? Single(string name)
    {
        if (!values.TryGetValue(name, out var given))
        {
            return null;
        }
        if (given.Count != 1 || string.IsNullOrWhiteSpace(given[0]))
        {
            throw new FhirRequestException($"Give {name} once, with a value.");
        }
        return given[0];
    }

    /// <summary>A reference parameter (patient=Patient/{id} or patient={id}), as the id it names.</summary>
    public Guid? Reference(string name, string type)
    {
        if (Single(name) is not { } value)
        {
            return null;
        }
        var id = value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
        return Guid.TryParseExact(id, "D", out var guid)
            ? guid
            : throw new FhirRequestException($"{name} must name a {type} as {type}/{{id}} or by its id.");
    }

    /// <summary>A token parameter (system|code, or code alone).</summary>
    public (string? System, string Code)? Token(string name)
    {
        if (Single(name) is not { } value)
        {
            return null;
        }
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, value) : (bar == 0 ? null : value[..bar], value[(bar + 1)..]);
    }

    /// <summary>
    /// The instants a date parameter allows, as a half-open range: every value narrows it (date=ge2026-01-01&amp;date=lt2026-02).
    /// A value without a time zone is read in UTC; its precision (year, month, day, second) is the range it stands for.
    /// </summary>
    public (DateTimeOffset? From, DateTimeOffset? Before) DateRange(string name)
    {
        DateTimeOffset? from = null, before = null;
        if (!values.TryGetValue(name, out var given))
        {
            return (from, before);
        }
        foreach (var raw in given)
        {
            var (prefix, text) = raw is { Length: > 2 } && char.IsAsciiLetter(raw[0]) ? (raw[..2], raw[2..]) : ("eq", raw ?? "");
            if (!TryParseDate(text, out var start, out var end))
            {
                throw new FhirRequestException($"{name} must be a date such as 2026-03, 2026-03-01 or 2026-03-01T09:00:00Z, optionally after ge, gt, le, lt or eq.");
            }
            switch (prefix)
            {
                case "eq":
                    from = Later(from, start);
                    before = Earlier(before, end);
                    break;
                case "ge":
                    from = Later(from, start);
                    break;
                case "gt":
                    from = Later(from, end);
                    break;
                case "le":
                    before = Earlier(before, end);
                    break;
                case "lt":
                    before = Earlier(before, start);
                    break;
                default:
                    throw new FhirRequestException($"{name}: the prefix '{Clip(prefix)}' is not supported; use ge, gt, le, lt or eq.");
            }
        }
        return (from, before);
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static DateTimeOffset Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static bool TryParseDate(string text, out DateTimeOffset start, out DateTimeOffset end)
    {
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var culture = CultureInfo.InvariantCulture;
        start = end = default;
        if (DateTime.TryParseExact(text, "yyyy", culture, utc, out var year))
        {
            (start, end) = (Utc(year), Utc(year.AddYears(1)));
        }
        else if (DateTime.TryParseExact(text, "yyyy-MM", culture, utc, out var month))
        {
            (start, end) = (Utc(month), Utc(month.AddMonths(1)));
        }
        else if (DateTime.TryParseExact(text, "yyyy-MM-dd", culture, utc, out var day))
        {
            (start, end) = (Utc(day), Utc(day.AddDays(1)));
        }
        else if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, culture, utc, out var instant))
        {
            (start, end) = (instant.ToUniversalTime(), instant.ToUniversalTime().AddSeconds(1));
        }
        else
        {
            return false;
        }
        return true;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);

    private static string Clip(string text) => text.Length > 40 ? text[..40] : text;
}
