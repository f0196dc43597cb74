using System.Globalization;

namespace Rapport.Web.Features;

/// <summary>
/// How free text over its limit is refused everywhere (docs/architecture.md, "Text is refused, never cut"): the whole
/// text comes back in the form, nothing is saved, and the message names each field that is too long and by how much.
/// Forms carry no <c>maxlength</c> on such fields, since browsers silently cut pasted text to it.
/// </summary>
public static class TextLimit
{
    /// <summary>The length that counts: what would be stored, the text trimmed.</summary>
    public static int Length(string? text) => string.IsNullOrWhiteSpace(text) ? 0 : text.Trim().Length;

    /// <summary>"Problem-area work has 10,000 characters. Each part of the note can be at most 4,000 characters. Nothing was saved: …"</summary>
    public static string TooLongMessage(IReadOnlyList<(string Name, int Length)> over, int max, string eachWhat)
    {
        ArgumentNullException.ThrowIfNull(over);
        var which = string.Join("; ", over.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Name} has {o.Length:N0} characters")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{which}. Each {eachWhat} can be at most {max:N0} characters. Nothing was saved: shorten it and save again.");
    }

    /// <summary>The counter under a limited field, as the page first shows it (the script keeps it live): "1,234 of 4,000 characters".</summary>
    public static string Count(string? text, int max)
    {
        var length = Length(text);
        return length > max
            ? string.Create(CultureInfo.InvariantCulture, $"{length:N0} of {max:N0} characters: {length - max:N0} too many")
            : string.Create(CultureInfo.InvariantCulture, $"{length:N0} of {max:N0} characters");
    }
}

/// <summary>The model of the counter partial (<c>Shared/_CharCount.cshtml</c>) under the textarea whose id is <paramref name="FieldId"/>.</summary>
public sealed record CharCount(string FieldId, string? Text, int Max)
{
    /// <summary>The <c>HttpContext.Items</c> key by which a page with a counter asks the layout for <c>char-count.js</c>.</summary>
    public const string ScriptNeeded = "char-count.js";

    public string CounterId => FieldId + "-count";
    public bool IsOver => TextLimit.Length(Text) > Max;
}
