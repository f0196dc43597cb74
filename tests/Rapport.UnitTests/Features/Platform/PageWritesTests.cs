using System.Text.RegularExpressions;
using Rapport.UnitTests.Infrastructure;

namespace Rapport.UnitTests.Features.Platform;

/// <summary>
/// A page only translates: a write, its audit entry and its e-mail belong to the feature's use case, which the JSON API
/// and the hub call too, so none of them can skip a side effect (docs/architecture.md, "Use cases own their side
/// effects"). This test reads every page model and fails for one that saves, audits or queues mail itself, unless it is
/// listed below; a listed page that no longer writes must leave the list.
/// </summary>
public sealed partial class PageWritesTests
{
    // Every page has moved; a page that must write for a reason none of them had would be listed here, with that reason.
    private static readonly HashSet<string> StillWriting = [];

    [Fact]
    public void NoPageSavesAuditsOrQueuesMailItselfBeyondTheShrinkingListOfPagesStillBeingMoved()
    {
        var web = Path.Combine(Repository.Root(), "src", "Rapport.Web");
        var writing = Directory.EnumerateFiles(Path.Combine(web, "Features"), "*.cshtml.cs", SearchOption.AllDirectories)
            .Where(f => Writes().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(web, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToHashSet();

        var newcomers = writing.Except(StillWriting).Order().ToList();
        var moved = StillWriting.Except(writing).Order().ToList();

        Assert.True(newcomers.Count == 0 && moved.Count == 0,
            (newcomers.Count > 0 ? "These pages write themselves; call the feature's use case instead:\n  " + string.Join("\n  ", newcomers) + "\n" : "")
            + (moved.Count > 0 ? "These pages no longer write; remove them from StillWriting:\n  " + string.Join("\n  ", moved) : ""));
    }

    [GeneratedRegex(@"SaveChangesAsync\(|audit\.(Stage|RecordAsync)\(|outbox\.(Queue|SendSoon)\(|mail\.(Queue\w*|SendSoon)\(")]
    private static partial Regex Writes();

}
