using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.UnitTests.Infrastructure;
using Rapport.Web.Data;

namespace Rapport.UnitTests.Features.Platform;

/// <summary>
/// Each table is written by the feature whose entity it holds (docs/architecture.md, "Layers"): another feature that
/// needs a row added, changed or removed asks the owner's use case, so the owner's rules and audit entries cannot be
/// bypassed. Read from the source, because adding to a set or a bulk update is a generic call the compiled assembly
/// shows only as a call on <c>DbSet</c>. Even the Data rights feature, whose erasure and retention purge remove a
/// patient's rows from every feature by law (docs/data-rights.md, "Purge"), asks each owner to remove its own.
/// </summary>
public sealed partial class TableOwnershipTests
{
    [Fact]
    public void NoFeatureAddsChangesOrRemovesRowsOfATableAnotherFeatureOwns()
    {
        var owners = Owners();
        var features = Path.Combine(Repository.Root(), "src", "Rapport.Web", "Features");
        var crossings = new List<string>();
        foreach (var folder in Directory.GetDirectories(features))
        {
            var feature = Path.GetFileName(folder);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var source = File.ReadAllText(file);
                // Through the context itself the set cannot be read off the line, so that form is not used at all.
                crossings.AddRange(ContextWrites().Matches(source).Select(m => $"{feature} writes through the context ({m.Value}) in {Path.GetRelativePath(features, file)}"));
                foreach (var set in Writes().Matches(source).Select(m => m.Groups[1].Value)
                    .Concat(BulkWrites().Matches(source).Select(m => m.Groups[1].Value)))
                {
                    if (owners.TryGetValue(set, out var owner) && owner != feature)
                    {
                        crossings.Add($"{feature} writes {set} ({owner}) in {Path.GetRelativePath(features, file)}");
                    }
                }
            }
        }

        Assert.True(crossings.Count == 0, "Rows of another feature's table written directly:\n" + string.Join("\n", crossings.Distinct()));
    }

    /// <summary>
    /// Features that still read a lower feature's table directly instead of through a query of the owner's, as
    /// "Reader -> Owner" (docs/architecture.md, "Layers"). The list may only shrink: a new pair fails, and so does a pair
    /// no longer read, until it is taken off here. All point down the layers (the layering test sees to that).
    /// </summary>
    private static readonly string[] KnownDirectReads =
    [
        "LiveSessions -> Booking",
        "Safety -> Accounts",
        "Safety -> Assessments",
        "TreatmentCourses -> Accounts",
        "TreatmentCourses -> Assessments",
        "TreatmentCourses -> Booking",
    ];

    [Fact]
    public void NoFeatureReadsAnotherFeaturesTableDirectlyExceptThePairsListedToBeMovedBehindQueries()
    {
        var owners = Owners();
        var features = Path.Combine(Repository.Root(), "src", "Rapport.Web", "Features");
        var pairs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(features))
        {
            var feature = Path.GetFileName(folder);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(folder, "*.cshtml", SearchOption.AllDirectories)))
            {
                foreach (var set in Reads().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
                {
                    if (owners.TryGetValue(set, out var owner) && owner != feature)
                    {
                        pairs.Add($"{feature} -> {owner}");
                    }
                }
            }
        }

        var added = pairs.Except(KnownDirectReads).ToList();
        var gone = KnownDirectReads.Except(pairs).ToList();
        Assert.True(added.Count == 0, "A feature now reads another feature's table directly; ask the owner's query instead:\n" + string.Join("\n", added));
        Assert.True(gone.Count == 0, "No longer read directly, so take them off the list here: " + string.Join(", ", gone));
    }

    [GeneratedRegex(@"\b(?:db|Db|context|dbContext)\.(\w+)\b")]
    private static partial Regex Reads();

    private static Dictionary<string, string> Owners() =>
        typeof(AppDbContext).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(p => (Set: p.Name, Owner: FeatureOf(p.PropertyType.GetGenericArguments()[0].Namespace)))
            .Where(x => x.Owner is not null).ToDictionary(x => x.Set, x => x.Owner!);

    [Fact]
    public void TheCheckSeesAnAddAndABulkDeleteOnAnotherFeaturesTable()
    {
        // Guards the patterns themselves: the lines a crossing would be written as.
        Assert.Equal("EmergencyAccesses", Writes().Match("db.EmergencyAccesses.Add(EmergencyAccess.Open(p, c, s, now));").Groups[1].Value);
        Assert.Equal("Messages", BulkWrites().Match("await db.Messages.Where(m => m.ConversationId == id)\n    .ExecuteDeleteAsync(ct);").Groups[1].Value);
        Assert.Contains("Messages", BulkWrites().Matches("if (request.Confirmed) { await db.Messages.Where(m => m.Id == id).ExecuteDeleteAsync(ct); }")
            .Select(m => m.Groups[1].Value));
        Assert.DoesNotMatch(Writes(), "db.EmergencyAccesses.Where(e => e.SourceId == id).ToListAsync(ct);");
        Assert.Matches(ContextWrites(), "db.Add(EmergencyAccess.Open(p, c, s, now));");
    }

    [GeneratedRegex(@"\b\w+\.(\w+)\.(?:Add|AddRange|Remove|RemoveRange|Update|UpdateRange|Attach)(?:Async)?\(")]
    private static partial Regex Writes();

    [GeneratedRegex(@"\b(?:db|context|dbContext)\.(?:Add|AddRange|Remove|RemoveRange|Update|UpdateRange|Attach)(?:Async)?\(")]
    private static partial Regex ContextWrites();

    // Every name after a dot in a statement that ends in a bulk update or delete; only the names of sets count.
    [GeneratedRegex(@"\.(\w+)\b(?=[^;]*?\.Execute(?:Delete|Update)(?:Async)?\()")]
    private static partial Regex BulkWrites();

    private static string? FeatureOf(string? ns)
    {
        const string Prefix = "Rapport.Web.Features.";
        if (ns is null || !ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = ns[Prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? rest[..dot] : rest;
    }

}
