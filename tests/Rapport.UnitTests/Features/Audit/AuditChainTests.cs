using Rapport.Web.Features.Audit;

namespace Rapport.UnitTests.Features.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static List<AuditEvent> ChainOf(int length)
    {
        var rows = new List<AuditEvent>();
        var previous = AuditEvent.GenesisHash;
        for (var i = 1; i <= length; i++)
        {
            var row = AuditEvent.Chain(i, previous, new AuditEntry(AuditAction.SignIn, UserId: Guid.NewGuid(), Detail: $"row {i}"), Start.AddSeconds(i));
            rows.Add(row);
            previous = row.Hash;
        }
        return rows;
    }

    private static void Tamper(AuditEvent row, string property, object? value) =>
        typeof(AuditEvent).GetProperty(property)!.SetValue(row, value);

    [Fact]
    public void AnUntouchedChainVerifies()
    {
        Assert.Null(AuditEvent.FindFirstBreak(ChainOf(5)));
    }

    [Fact]
    public void AnEditedRowIsReportedAsTheFirstBreak()
    {
        var chain = ChainOf(5);
        Tamper(chain[2], nameof(AuditEvent.Detail), "nothing to see here");

        var broken = AuditEvent.FindFirstBreak(chain);

        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("changed", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedRowWithARecomputedHashBreaksTheNextLink()
    {
        var chain = ChainOf(5);
        Tamper(chain[1], nameof(AuditEvent.Outcome), AuditOutcome.Success + "!");
        Tamper(chain[1], nameof(AuditEvent.Hash), chain[1].ComputeHash());

        var broken = AuditEvent.FindFirstBreak(chain);

        Assert.Equal(3, broken?.Sequence);
    }

    [Fact]
    public void ADeletedRowIsReported()
    {
        var chain = ChainOf(5);
        chain.RemoveAt(3);

        Assert.Equal(4, AuditEvent.FindFirstBreak(chain)?.Sequence);
    }

    [Fact]
    public void MovingTextBetweenFieldsChangesTheHash()
    {
        var a = AuditEvent.Chain(1, AuditEvent.GenesisHash, new AuditEntry("x", Subject: "ab", Detail: "c"), Start);
        var b = AuditEvent.Chain(1, AuditEvent.GenesisHash, new AuditEntry("x", Subject: "a", Detail: "bc"), Start);

        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Theory]
    [InlineData(200, null, false, AuditOutcome.Success)]
    [InlineData(302, "/account/access-denied?ReturnUrl=%2Fadmin", false, AuditOutcome.Denied)]
    [InlineData(302, "/account/sign-in?ReturnUrl=%2Fadmin", false, AuditOutcome.Denied)]
    [InlineData(404, null, false, AuditOutcome.Denied)]
    [InlineData(200, null, true, AuditOutcome.Failure)]
    [InlineData(422, null, false, AuditOutcome.Failure)]
    public void DeclaredAuditRowsNameTheOutcomeAsThePersonSawIt(int status, string? location, bool threw, string expected)
    {
        Assert.Equal(expected, AuditSetup.OutcomeOf(status, location, threw));
    }
}
