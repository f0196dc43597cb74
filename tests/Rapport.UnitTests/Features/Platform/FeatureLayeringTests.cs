using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Rapport.UnitTests.Infrastructure;

namespace Rapport.UnitTests.Features.Platform;

/// <summary>
/// The features' layering (docs/architecture.md, "Layers"): a feature may use the features below it, never one above.
/// The edges that still point up are listed there and here, one by one, to be untangled; a new one fails this test, and
/// so does an untangled one left on the list, so the list only shrinks.
/// </summary>
public sealed partial class FeatureLayeringTests
{
    /// <summary>From the bottom up, as docs/architecture.md draws them.</summary>
    private static readonly string[] Layers =
    [
        "Audit", "Platform", "Notifications", "Accounts", "CareRelationships", "Therapists", "Booking", "Calendars",
        "Assessments", "Safety", "TreatmentCourses", "LiveSessions", "Messaging", "Interoperability", "Clinicians", "Patients", "DataRights", "Shared", "Admin",
    ];

    /// <summary>Each user of a feature above it, as "User -> Used".</summary>
    private static readonly string[] KnownUpwardEdges = [];

    private static readonly Lazy<Dictionary<(string From, string To), List<string>>> Edges = new(ReadEdges);

    [Fact]
    public void EveryFeatureFolderHasItsPlaceInTheLayers()
    {
        var folders = typeof(Program).Assembly.GetTypes().Select(t => FeatureOf(t.FullName)).OfType<string>().Distinct();

        Assert.Empty(folders.Except(Layers).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NoFeatureUsesAFeatureAboveItExceptTheEdgesListedToBeUntangled()
    {
        var upward = Edges.Value.Keys.Where(e => Array.IndexOf(Layers, e.From) < Array.IndexOf(Layers, e.To))
            .Select(e => $"{e.From} -> {e.To}").Order(StringComparer.Ordinal).ToList();

        var added = upward.Except(KnownUpwardEdges).ToList();
        var untangled = KnownUpwardEdges.Except(upward).ToList();
        Assert.True(added.Count == 0, "A feature now uses one above it (docs/architecture.md, \"Layers\"):\n" + string.Join("\n",
            added.Select(e => $"- {e}, from {string.Join(", ", Edges.Value[Split(e)].Take(3))}")));
        Assert.True(untangled.Count == 0, "Untangled, so take them off the list here and in docs/architecture.md: " + string.Join(", ", untangled));
    }

    /// <summary>
    /// The compiled assembly cannot show a use made only of another feature's constants (a const is copied into the code
    /// that reads it), so the source is read too: no file of a feature names a feature above it, in a using directive
    /// or a qualified name.
    /// </summary>
    [Fact]
    public void NoFeatureNamesAFeatureAboveItInItsSourceNotEvenForAConstant()
    {
        var features = Path.Combine(Repository.Root(), "src", "Rapport.Web", "Features");
        var named = new List<string>();
        foreach (var folder in Directory.GetDirectories(features))
        {
            var from = Path.GetFileName(folder);
            var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(folder, "*.cshtml", SearchOption.AllDirectories));
            foreach (var file in files)
            {
                var source = File.ReadAllText(file);
                // In full, or as code inside Rapport.Web.Features (and every view, through _ViewImports) may write it: "Booking.X".
                var names = FeatureName().Matches(source).Select(m => m.Groups[1].Value)
                    .Concat(ShortFeatureName().Matches(source).Select(m => m.Groups[1].Value)
                        // A member of the same name ("Clinicians" on a page listing them) is not the feature.
                        .Where(n => Layers.Contains(n) && !System.Text.RegularExpressions.Regex.IsMatch(source, $@"\b{n}\s*(\{{|=>|=[^=]|;)")));
                foreach (var to in names)
                {
                    if (Array.IndexOf(Layers, to) > Array.IndexOf(Layers, from) && Array.IndexOf(Layers, from) >= 0)
                    {
                        named.Add($"{from} -> {to} in {Path.GetRelativePath(features, file)}");
                    }
                }
            }
        }

        Assert.True(named.Count == 0, "A feature names one above it (docs/architecture.md, \"Layers\"):\n" + string.Join("\n", named.Distinct()));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bRapport\.Web\.Features\.(\w+)")]
    private static partial System.Text.RegularExpressions.Regex FeatureName();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.[A-Z]\w*")]
    private static partial System.Text.RegularExpressions.Regex ShortFeatureName();

    [Fact]
    public void TheArchitectureDocumentListsTheSameLayersAndUpwardEdges()
    {
        var root = Repository.Root();
        var document = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var section = document[document.IndexOf("## Layers", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("\n## ", 3, StringComparison.Ordinal) is > 0 and var end ? end : section.Length)];

        var listed = System.Text.RegularExpressions.Regex.Matches(section, "^- `(\\w+ -> \\w+)`", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(KnownUpwardEdges, listed);
        Assert.Contains(string.Join(" → ", Layers), section, StringComparison.Ordinal);
    }

    private static (string, string) Split(string edge) => (edge[..edge.IndexOf(' ', StringComparison.Ordinal)], edge[(edge.LastIndexOf(' ') + 1)..]);

    /// <summary>Every type's dependencies (fields, calls, signatures, attributes), the Razor views' generated classes included.</summary>
    private static Dictionary<(string From, string To), List<string>> ReadEdges()
    {
        var architecture = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var type in architecture.Types)
        {
            if (FeatureOf(type.FullName) is not { } from)
            {
                continue;
            }
            foreach (var dependency in type.Dependencies)
            {
                if (FeatureOf(dependency.Target.FullName) is { } to && to != from)
                {
                    if (!edges.TryGetValue((from, to), out var users))
                    {
                        edges[(from, to)] = users = [];
                    }
                    users.Add(type.FullName);
                }
            }
        }
        return edges;
    }

    /// <summary>The feature folder a type belongs to: by namespace, or for a compiled Razor view by its generated name.</summary>
    private static string? FeatureOf(string? fullName)
    {
        const string Namespace = "Rapport.Web.Features.";
        const string View = "AspNetCoreGeneratedDocument.Features_";
        if (fullName is null)
        {
            return null;
        }
        if (fullName.StartsWith(Namespace, StringComparison.Ordinal))
        {
            var rest = fullName[Namespace.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 ? rest[..dot] : null; // a type directly in Rapport.Web.Features is shared by all
        }
        if (fullName.StartsWith(View, StringComparison.Ordinal))
        {
            var rest = fullName[View.Length..];
            var underscore = rest.IndexOf('_', StringComparison.Ordinal);
            return underscore > 0 ? rest[..underscore] : null;
        }
        return null;
    }
}
