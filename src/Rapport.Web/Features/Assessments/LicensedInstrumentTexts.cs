using System.Text.Json;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// The wording of a licensed instrument that Rapport does not ship (the EPDS), read from the file the clinic supplies with
/// its licence (Assessments readme, rule 10a). The file is JSON: the instructions, and for each item in order its text
/// and its answers in the order they are shown (the catalog's option values 0, 1, …):
/// <c>{ "instructions": "…", "items": [ { "text": "…", "options": ["…", "…", "…", "…"] } ] }</c>.
/// Without a readable, complete file the instrument is not offered, and the refusal says why.
/// </summary>
public sealed class LicensedInstrumentTexts(IConfiguration config, ILogger<LicensedInstrumentTexts> log)
{
    public const string EpdsTextsFileSetting = "Instruments:Epds:TextsFile";

    private readonly Lazy<(Instrument? Instrument, string? Problem)> _epds = new(() => Read(config[EpdsTextsFileSetting], log));

    /// <summary>The instrument with the clinic's wording, or null when the file is missing or incomplete (<see cref="Problem"/> says why).</summary>
    public Instrument? For(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return !instrument.TextsFromLicenceFile ? instrument : instrument.Id == InstrumentCatalog.Epds ? _epds.Value.Instrument : null;
    }

    /// <summary>Why the instrument's wording is not available, written for the clinic's administrator.</summary>
    public string Problem(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Id == InstrumentCatalog.Epds && _epds.Value.Problem is { } problem ? problem
            : $"{instrument.ShortName}'s wording comes with the clinic's licence and has not been supplied.";
    }

    private static (Instrument?, string?) Read(string? path, ILogger log)
    {
        var template = InstrumentCatalog.EpdsInstrument;
        if (string.IsNullOrWhiteSpace(path))
        {
            return (null, $"{template.ShortName} is licensed, but the wording that comes with the licence has not been supplied: set {EpdsTextsFileSetting} to the file the clinic received with it.");
        }
        try
        {
            var (instrument, problem) = Apply(template, File.ReadAllText(path));
            if (problem is not null)
            {
                log.LogWarning("The licensed wording of {Instrument} in {Path} was not used: {Problem}", template.ShortName, path, problem);
            }
            return (instrument, problem);
        }
        catch (IOException e)
        {
            log.LogWarning(e, "The licensed wording of {Instrument} could not be read from {Path}.", template.ShortName, path);
            return (null, $"{template.ShortName} is licensed, but its wording file ({EpdsTextsFileSetting}) could not be read.");
        }
        catch (UnauthorizedAccessException e)
        {
            log.LogWarning(e, "The licensed wording of {Instrument} could not be read from {Path}.", template.ShortName, path);
            return (null, $"{template.ShortName} is licensed, but its wording file ({EpdsTextsFileSetting}) could not be read.");
        }
    }

    private sealed record TextsFile(string? Instructions, List<ItemTexts>? Items);

    private sealed record ItemTexts(string? Text, List<string>? Options);

    /// <summary>The template with the file's wording; or null and why, when the file does not fit the instrument item for item and answer for answer.</summary>
    public static (Instrument? Instrument, string? Problem) Apply(Instrument template, string json)
    {
        ArgumentNullException.ThrowIfNull(template);
        TextsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TextsFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException)
        {
            return (null, $"{template.ShortName}'s wording file is not valid JSON.");
        }
        var items = file?.Items ?? [];
        if (items.Count != template.Items.Count)
        {
            return (null, $"{template.ShortName}'s wording file has {items.Count} items; the form has {template.Items.Count}.");
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i].Text) || items[i].Options is not { } options || options.Count != template.Items[i].Options.Count
                || options.Any(string.IsNullOrWhiteSpace))
            {
                return (null, $"Item {template.Items[i].Number} of {template.ShortName}'s wording file needs its text and {template.Items[i].Options.Count} answers.");
            }
        }
        return (template with
        {
            Instructions = string.IsNullOrWhiteSpace(file!.Instructions) ? template.Instructions : file.Instructions.Trim(),
            Items = [.. template.Items.Select((item, i) => item with
            {
                Text = items[i].Text!.Trim(),
                Options = [.. item.Options.Select((o, j) => o with { Label = items[i].Options![j].Trim() })],
            })],
        }, null);
    }
}
