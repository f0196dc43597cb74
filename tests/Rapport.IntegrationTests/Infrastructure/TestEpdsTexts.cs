using System.Text.Json;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for the EPDS wording file a clinic receives with its licence: invented texts in the file's shape
/// (Assessments readme, rule 2a), written once per test run. The real wording is never in the repository.
/// </summary>
public static class TestEpdsTexts
{
    public const string Instructions = "Test instructions supplied with the clinic's licence.";

    public static string Item(int number) => $"Test wording of item {number}, supplied with the clinic's licence";

    public static string Answer(int item, int value) => $"Test answer {value} of item {item}";

    private static readonly Lazy<string> File = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rapport-epds-test-texts-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            instructions = Instructions,
            items = Enumerable.Range(1, 10).Select(i => new { text = Item(i), options = Enumerable.Range(0, 4).Select(v => Answer(i, v)).ToArray() }).ToArray(),
        }));
        return path;
    });

    public static string Path => File.Value;
}
