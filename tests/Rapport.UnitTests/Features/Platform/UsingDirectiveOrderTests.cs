using System.Text.RegularExpressions;
using Rapport.UnitTests.Infrastructure;

namespace Rapport.UnitTests.Features.Platform;

/// <summary>
/// The build checks formatting (IDE0055) but not the order of using directives, which <c>dotnet format style</c> would
/// check at the cost of running every analyzer a second time. This test holds the same rule for every C# file of the
/// repository: plain usings, then static ones, then aliases; within each, <c>System</c> first
/// (<c>dotnet_sort_system_directives_first</c>), then alphabetical.
/// </summary>
public sealed partial class UsingDirectiveOrderTests
{
    [Fact]
    public void EveryCSharpFileListsItsUsingDirectivesInTheOrderTheFormatterWouldGive()
    {
        var root = Repository.Root();
        var files = new[] { "src", "tests", "benchmarks" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            // Build output, and the migrations EF generates (generated_code in .editorconfig, so no formatter touches them).
            .Where(f => !new[] { "obj", "bin", "Migrations" }.Any(d =>
                f.Contains($"{Path.DirectorySeparatorChar}{d}{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .ToList();

        var unsorted = files.Where(f => !IsSorted(LeadingUsings(File.ReadLines(f))))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.True(files.Count > 100, $"Only {files.Count} C# files were found under {root}.");
        Assert.Empty(unsorted);
    }

    [Fact]
    public void AUsingOfSystemAfterAnotherNamespaceIsCaught()
    {
        Assert.False(IsSorted(LeadingUsings(["using Microsoft.Extensions.Logging;", "using System.Text;", "", "namespace X;"])));
        Assert.False(IsSorted(LeadingUsings(["using Zeta;", "using Alpha;"])));
        Assert.False(IsSorted(LeadingUsings(["using A = Zeta.Thing;", "using Alpha;"])));
        Assert.True(IsSorted(LeadingUsings(["using System;", "using System.Text;", "using Alpha;", "using static Zeta.Thing;", "using B = Beta.C;"])));
    }

    private static List<Match> LeadingUsings(IEnumerable<string> lines)
    {
        var usings = new List<Match>();
        foreach (var line in lines)
        {
            var match = UsingLine().Match(line);
            if (match.Success)
            {
                usings.Add(match);
            }
            else if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith("//", StringComparison.Ordinal)
                     && !line.StartsWith('#'))
            {
                break;
            }
        }
        return usings;
    }

    private static bool IsSorted(List<Match> usings)
    {
        var keys = usings.Select(m => (
            Global: m.Groups["global"].Success ? 0 : 1,
            Kind: m.Groups["alias"].Success ? 2 : m.Groups["static"].Success ? 1 : 0,
            NotSystem: m.Groups["name"].Value is "System" || m.Groups["name"].Value.StartsWith("System.", StringComparison.Ordinal) ? 0 : 1,
            Name: m.Groups["alias"].Success ? m.Groups["alias"].Value : m.Groups["name"].Value)).ToList();
        for (var i = 1; i < keys.Count; i++)
        {
            var (a, b) = (keys[i - 1], keys[i]);
            var order = a.Global.CompareTo(b.Global);
            order = order != 0 ? order : a.Kind.CompareTo(b.Kind);
            order = order != 0 ? order : a.NotSystem.CompareTo(b.NotSystem);
            order = order != 0 ? order : StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
            if (order > 0)
            {
                return false;
            }
        }
        return true;
    }


    [GeneratedRegex(@"^(?<global>global )?using (?<static>static )?((?<alias>\w+) = )?(?<name>[\w.]+)(<[^;]*>)?;\s*$")]
    private static partial Regex UsingLine();
}
