using System.Text.RegularExpressions;
using Rapport.UnitTests.Infrastructure;

namespace Rapport.UnitTests.Features.Platform;

/// <summary>
/// The repository explains itself: a comment or readme that gives a reason points at a document a reader of the
/// repository can open (docs/clinical/README.md lists the clinical ones), never at notes kept elsewhere or at a
/// tracker's numbers, which a clone does not carry. Both tests read every source, markup, script and markdown file
/// under src, tests, benchmarks and docs, and the repository's own readme, and name each offending line as file:line.
/// </summary>
public sealed partial class CitedDocumentsTests
{
    [Fact]
    public void EveryDocumentCitedInTheCodeExistsInTheRepository()
    {
        var root = Repository.Root();
        var missing = new List<string>();
        foreach (var (file, number, line) in Lines(root))
        {
            if (OutsideNotes().IsMatch(line))
            {
                missing.Add($"{file}:{number}: cites the domain notes outside the repository; cite docs/clinical/ instead");
            }
            // Paths from the repository's root, as comments write them; and a markdown file's links, from its folder.
            var citations = CitedDocument().Matches(line).Select(m => (Base: root, Cited: m));
            if (file.EndsWith(".md", StringComparison.Ordinal))
            {
                var folder = Path.GetDirectoryName(Path.Combine(root, file))!;
                citations = citations.Concat(MarkdownLink().Matches(line).Select(m => (Base: folder, Cited: m)));
            }
            foreach (var (from, cited) in citations)
            {
                var path = cited.Groups["path"].Value;
                var full = Path.GetFullPath(Path.Combine(from, path.Replace('/', Path.DirectorySeparatorChar)));
                if (!File.Exists(full))
                {
                    missing.Add($"{file}:{number}: {path} does not exist");
                }
                else if (cited.Groups["anchor"].Success && !Headings(full).Contains(cited.Groups["anchor"].Value))
                {
                    missing.Add($"{file}:{number}: {path} has no heading #{cited.Groups["anchor"].Value}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Cited documents that a reader of the repository cannot open:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void NoCommentCitesAnIssueNumber()
    {
        var root = Repository.Root();
        var cited = Lines(root)
            .Where(l => IssueNumber().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Number}: {l.Text.Trim()}")
            .ToList();

        Assert.True(cited.Count == 0,
            "Lines that cite a tracker's issue number; cite the document that states the rule, or give the reason:\n"
            + string.Join('\n', cited));
    }

    [Fact]
    public void AHeadingsAnchorIsTheOneAMarkdownViewerMakes()
    {
        Assert.Equal("the-clinicians-review", Anchor("The clinician's review"));
        Assert.Equal("c-ssrs-screener", Anchor("C-SSRS screener"));
        Assert.Equal("ham-d-17", Anchor("HAM-D-17"));
        Assert.Equal("the-course-docsclinicalipt-coursemdphases", Anchor("The course (`docs/clinical/ipt-course.md#phases`)"));
    }

    [Fact]
    public void AnIssueNumberIsFoundHoweverItIsWritten()
    {
        Assert.Matches(IssueNumber(), "the rule of Issue " + "5 §9");
        Assert.Matches(IssueNumber(), "see issue #" + "12");
        Assert.DoesNotMatch(IssueNumber(), "explore the issues, each side's expectations");
        Assert.DoesNotMatch(IssueNumber(), "RFC 9110 §15.5.21");
    }

    private static IEnumerable<(string File, int Number, string Text)> Lines(string root)
    {
        string[] extensions = [".cs", ".cshtml", ".md", ".js", ".css", ".sh"];
        return new[] { "src", "tests", "benchmarks", "docs" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(root, "*.md"))
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            // Build output, installed packages and vendored libraries are not ours to word.
            .Where(f => !new[] { "obj", "bin", "node_modules", "lib" }.Any(d =>
                f.Contains($"{Path.DirectorySeparatorChar}{d}{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => File.ReadLines(f).Select((text, i) =>
                (Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), i + 1, text)));
    }

    private static HashSet<string> Headings(string markdownFile) =>
        File.ReadLines(markdownFile)
            .Where(l => l.StartsWith('#'))
            .Select(l => Anchor(l.TrimStart('#')))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The anchor GitHub and most viewers give a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading) =>
        NotInAnAnchor().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');


    [GeneratedRegex(@"(?<![\w/.-])(?<path>docs/[\w./-]+\.md)(#(?<anchor>[\w-]+))?")]
    private static partial Regex CitedDocument();

    [GeneratedRegex(@"\]\((?<path>[\w./-]+\.md)(#(?<anchor>[\w-]+))?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\bipt\.md\b|shared/(domain|docs)/", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideNotes();

    [GeneratedRegex(@"\bissues? #?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotInAnAnchor();
}
