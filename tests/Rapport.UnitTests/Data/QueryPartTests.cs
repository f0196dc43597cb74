using System.Linq.Expressions;
using Rapport.Web.Data;

namespace Rapport.UnitTests.Data;

/// <summary>
/// Query parts are spliced into a page's query before EF compiles it (Data/QueryPart.cs). These tests compile the spliced
/// expression as a plain delegate: no part may be left as a call, and each part's parameters must be bound to the
/// arguments the caller gave, also when a part uses another part or is itself an argument.
/// </summary>
public sealed class QueryPartTests
{
    private static readonly Expression<Func<AppDbContext, Guid, string>> Text = (db, id) => id.ToString("N");
    private static readonly Expression<Func<AppDbContext, string, int>> Length = (db, s) => s.Length;
    private static readonly Expression<Func<AppDbContext, Guid, string>> Shouted = (db, id) => Text.Use(db, id) + "!";
    private static readonly Expression<Func<AppDbContext, int, int, int>> Difference = (db, a, b) => a - b;

    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void APartIsReplacedByItsBodyWithItsParametersBoundToTheArgumentsGiven()
    {
        var spliced = QueryPart.Splice((AppDbContext db, Guid id) => Text.Use(db, id));

        Assert.Equal("0f8fad5bd9cb469fa16570867728950e", spliced.Compile()(null!, Id));
        Assert.DoesNotContain(nameof(QueryPart.Use), spliced.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void APartThatUsesAnotherPartIsReplacedAllTheWayDown()
    {
        var spliced = QueryPart.Splice((AppDbContext db, Guid id) => Shouted.Use(db, id));

        Assert.Equal("0f8fad5bd9cb469fa16570867728950e!", spliced.Compile()(null!, Id));
        Assert.DoesNotContain(nameof(QueryPart.Use), spliced.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void APartGivenAsAnotherPartsArgumentIsReplacedInPlace()
    {
        var spliced = QueryPart.Splice((AppDbContext db, Guid id) => Length.Use(db, Text.Use(db, id)));

        Assert.Equal(32, spliced.Compile()(null!, Id));
    }

    [Fact]
    public void ArgumentsAreBoundInTheOrderThePartDeclaresItsParameters()
    {
        var spliced = QueryPart.Splice((AppDbContext db, int first, int second) => Difference.Use(db, first, second));

        Assert.Equal(7, spliced.Compile()(null!, 10, 3));
    }

    [Fact]
    public void APartUsedOutsideASplicedQuerySaysSoInsteadOfRunning()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Text.Use(null!, Id));

        Assert.Contains("QueryPart.Splice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APartHeldInALocalIsRefusedBecauseTheCompiledQueryWouldNotSeeItChange()
    {
        Expression<Func<AppDbContext, Guid, string>> local = (db, id) => "local";

        var error = Assert.Throws<InvalidOperationException>(() => QueryPart.Splice((AppDbContext db, Guid id) => local.Use(db, id)));

        Assert.Contains("static readonly field", error.Message, StringComparison.Ordinal);
    }
}
