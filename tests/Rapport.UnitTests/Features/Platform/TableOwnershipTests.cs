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
    /// A feature reads another feature's table only through that feature's query classes, never by naming the set
    /// (docs/architecture.md, "Layers"): the owner decides what leaves it, so a change to a table's shape stays inside it.
    /// A set is named through any variable of the context type, or as <c>Set&lt;T&gt;()</c>.
    /// </summary>
    [Fact]
    public void NoFeatureReadsAnotherFeaturesTableDirectly()
    {
        var owners = Owners();
        var entityOwners = EntityOwners();
        var features = Path.Combine(Repository.Root(), "src", "Rapport.Web", "Features");
        var crossings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(features))
        {
            var feature = Path.GetFileName(folder);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(folder, "*.cshtml", SearchOption.AllDirectories)))
            {
                var source = File.ReadAllText(file);
                var where = Path.GetRelativePath(features, file);
                foreach (var set in SetsNamed(source))
                {
                    if (owners.TryGetValue(set, out var owner) && owner != feature)
                    {
                        crossings.Add($"{feature} reads {set} ({owner}) in {where}");
                    }
                }
                foreach (var entity in GenericSets().Matches(source).Select(m => m.Groups[1].Value))
                {
                    if (entityOwners.TryGetValue(entity, out var owner) && owner != feature)
                    {
                        crossings.Add($"{feature} reads Set<{entity}> ({owner}) in {where}");
                    }
                }
            }
        }

        Assert.True(crossings.Count == 0, "A feature reads another feature's table directly; ask the owner's query instead:\n" + string.Join("\n", crossings));
    }

    /// <summary>
    /// Identity's managers load and save the whole account row (password hash, stamps, lockout): they are Accounts' own
    /// tools. Other features ask <c>PeopleNames</c> for the person as they may know them.
    /// </summary>
    [Fact]
    public void OnlyAccountsUsesIdentitysUserAndSignInManagers()
    {
        var features = Path.Combine(Repository.Root(), "src", "Rapport.Web", "Features");
        var users = Directory.GetDirectories(features).Where(f => Path.GetFileName(f) != "Accounts")
            .SelectMany(f => Directory.EnumerateFiles(f, "*.cs", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(f, "*.cshtml", SearchOption.AllDirectories)))
            .Where(f => IdentityManagers().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(features, f)).ToList();

        Assert.True(users.Count == 0, "Identity's managers used outside Accounts; ask PeopleNames instead:\n" + string.Join("\n", users));
    }

    [GeneratedRegex(@"\b(?:UserManager|SignInManager)<")]
    private static partial Regex IdentityManagers();

    [Fact]
    public void TheReadCheckSeesASetThroughAnyContextVariableAndThroughSetOfT()
    {
        // Guards the patterns themselves: the lines a crossing would be written as.
        Assert.Contains("Users", SetsNamed("await db.Users.Where(u => u.Id == id).ToListAsync(ct);"));
        Assert.Contains("Users", SetsNamed("var n = this.db.Users.Count();"));
        Assert.Contains("Appointments", SetsNamed("public sealed class Page(AppDbContext data) { void M() => data.Appointments.Count(); }"));
        Assert.Contains("SafetyAlerts", SetsNamed("EF.CompileAsyncQuery((AppDbContext store, Guid id) => store.SafetyAlerts.Any(a => a.PatientId == id));"));
        Assert.Contains("SafetyAlerts", SetsNamed("static readonly Expression<Func<AppDbContext, Guid, bool>> P = (store, id) => store.SafetyAlerts.Any(a => a.PatientId == id);"));
        Assert.Contains("Users", SetsNamed("EF.CompileAsyncQuery<AppDbContext, Guid, string?>((store, id) => store.Users.Select(u => u.DisplayName).First())"));
        Assert.DoesNotContain("Appointments", SetsNamed("var count = model.Appointments.Count;"));
        Assert.Equal("Appointment", GenericSets().Match("db.Set<Appointment>().Where(a => a.Id == id)").Groups[1].Value);
    }

    // The names of the sets read through the context: `db`, `context` and the like, and any name the file gives a
    // variable or parameter of the context type.
    private static IEnumerable<string> SetsNamed(string source)
    {
        var contexts = new HashSet<string>(["db", "Db", "context", "dbContext"], StringComparer.Ordinal);
        contexts.UnionWith(ContextVariables().Matches(source).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value));
        return SetReads().Matches(source).Where(m => contexts.Contains(m.Groups[1].Value)).Select(m => m.Groups[2].Value);
    }

    // The second name is looked ahead, not consumed, so `this.db.Users` still yields db and Users.
    [GeneratedRegex(@"\b(\w+)(?=\.(\w+)\b)")]
    private static partial Regex SetReads();

    // `AppDbContext db`, and the context parameter of a lambda whose type names the context first: a query part
    // (`Expression<Func<AppDbContext, Guid, bool>> P = (store, id) => …`) or a compiled query with type arguments.
    [GeneratedRegex(@"\b\w*DbContext\s+(\w+)\b|<\w*DbContext\b[^;{}]*?(?:=|\(\()\s*\(?\s*(\w+)\s*[,)]")]
    private static partial Regex ContextVariables();

    [GeneratedRegex(@"\.Set<(\w+)>\(")]
    private static partial Regex GenericSets();

    // Identity's own sets hold the accounts, their roles and sign-in data: Accounts' tables.
    private static readonly string[] IdentitySets = ["Users", "Roles", "UserRoles", "UserClaims", "UserLogins", "UserTokens", "RoleClaims"];

    /// <summary>Every set of the context with its entity type and the feature that owns it.</summary>
    private static IEnumerable<(string Set, Type Entity, string Owner)> OwnedSets() =>
        typeof(AppDbContext).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(p => (Set: p.Name, Entity: p.PropertyType.GetGenericArguments()[0]))
            .Select(x => (x.Set, x.Entity, Owner: IdentitySets.Contains(x.Set) ? "Accounts" : FeatureOf(x.Entity.Namespace)))
            .Where(x => x.Owner is not null).Select(x => (x.Set, x.Entity, x.Owner!));

    private static Dictionary<string, string> Owners() => OwnedSets().ToDictionary(x => x.Set, x => x.Owner);

    private static Dictionary<string, string> EntityOwners() =>
        OwnedSets().DistinctBy(x => x.Entity.Name).ToDictionary(x => x.Entity.Name, x => x.Owner);

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
