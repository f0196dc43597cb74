using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Messaging;

namespace Rapport.UnitTests.Features.Messaging;

/// <summary>
/// The curated risk expressions (Messaging readme, rules 10–12): phrases a patient may write that must raise an alert,
/// and phrases, negations among them, that must not.
/// </summary>
public sealed class RiskExpressionsTests
{
    private static readonly RiskExpressions List = RiskExpressions.Load();

    [Theory]
    [InlineData("I want to kill myself", RiskLevel.High)]
    [InlineData("I've been thinking about ending my life.", RiskLevel.High)]
    [InlineData("I can't stop thinking about killing myself", RiskLevel.High)]
    [InlineData("Honestly I just want to die", RiskLevel.High)]
    [InlineData("I feel SUICIDAL again", RiskLevel.High)]
    [InlineData("Sometimes I wish I was dead", RiskLevel.Elevated)]
    [InlineData("Everyone would be better off without me", RiskLevel.Elevated)]
    [InlineData("I don't want to be alive anymore", RiskLevel.Elevated)]
    [InlineData("I dont want to live like this", RiskLevel.Elevated)]
    [InlineData("I have no reason to live", RiskLevel.Elevated)]
    [InlineData("I've started cutting myself again", RiskLevel.Elevated)]
    [InlineData("I'm not sure I won't hurt myself tonight", RiskLevel.Elevated)]
    [InlineData("I would never say it to her, but I wish I were dead", RiskLevel.Elevated)]
    [InlineData("I just can’t go on", RiskLevel.Elevated)]
    public void APhraseOfRiskIsFoundWithItsLevel(string message, RiskLevel level)
    {
        var match = List.Find(message);

        Assert.NotNull(match);
        Assert.Equal(level, match.Level);
    }

    [Theory]
    [InlineData("I would never hurt myself")]
    [InlineData("I'm not suicidal, just tired")]
    [InlineData("I don't want to kill myself, I just feel low")]
    [InlineData("I have no thoughts of harming myself")]
    [InlineData("I will not hurt myself, I promise")]
    [InlineData("The homework killed me this week but I talked to my sister")]
    [InlineData("I'm dying to tell you about the party")]
    [InlineData("I want to skill myself up at work")]
    [InlineData("We argued about who cuts the bread")]
    [InlineData("")]
    public void AnOrdinaryOrNegatedPhraseRaisesNothing(string message) =>
        Assert.Null(List.Find(message));

    [Fact]
    public void EveryExpressionNamesItsSource() =>
        Assert.All(List.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Source), e.Phrase));
}
