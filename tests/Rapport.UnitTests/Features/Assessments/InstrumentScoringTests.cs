using Rapport.Web.Features;
using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

public sealed class InstrumentScoringTests
{
    private static readonly Instrument Phq9 = InstrumentCatalog.Phq9Instrument;

    [Fact]
    public void AnIncompleteFormHasNoTotalNoBandAndSaysWhichItemsAreMissing()
    {
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(3, 3, null, 3, 3, null, 3, 3, 0));

        Assert.False(scored.IsComplete);
        Assert.Null(scored.Total);
        Assert.Null(scored.Band);
        Assert.Null(scored.Suggestion);
        Assert.Equal([3, 6], scored.MissingItems);
        Assert.Contains(scored.Notes, n => n.Contains("Incomplete", StringComparison.Ordinal) && n.Contains("2 of 9", StringComparison.Ordinal)
            && n.Contains("no total", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEmptyFormIsIncompleteInEveryItem()
    {
        var scored = InstrumentScoring.Score(InstrumentCatalog.Gad7Instrument, new int?[8]);

        Assert.Null(scored.Total);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], scored.MissingItems);
    }

    [Fact]
    public void TheDifficultyQuestionNeverAddsToThePhq9Total()
    {
        int?[] answers = [0, 0, 0, 0, 0, 0, 0, 0, 0, 3];

        var scored = InstrumentScoring.Score(Phq9, answers);

        Assert.Equal(0, scored.Total);
        Assert.Equal("Minimal", scored.Band?.Label);
    }

    [Fact]
    public void AFormWithoutTheDifficultyAnswerIsStillComplete()
    {
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(1, 1, 1, 1, 1, 1, 1, 1, 0));

        Assert.True(scored.IsComplete);
        Assert.Equal(8, scored.Total);
        Assert.Empty(scored.MissingItems);
    }

    [Fact]
    public void WsasWithTheWorkItemNotApplicableIsScoredOutOfThirtyTwo()
    {
        var notWorking = InstrumentCatalog.WsasInstrument.Items[0].Options.Single(o => o.Score is null).Value;

        var scored = InstrumentScoring.Score(InstrumentCatalog.WsasInstrument, [notWorking, 8, 8, 8, 8]);

        Assert.True(scored.IsComplete);
        Assert.Equal(32, scored.Total);
        Assert.Equal(32, scored.MaxTotal);
        Assert.Contains(scored.Notes, n => n.Contains("Item 1 marked not applicable", StringComparison.Ordinal) && n.Contains("out of 32", StringComparison.Ordinal));
    }

    [Fact]
    public void NotApplicableIsAnAnswerOnlyTheWorkItemAccepts()
    {
        var e = Assert.Throws<InputValidationException>(() => InstrumentScoring.Score(InstrumentCatalog.WsasInstrument, [0, 9, 0, 0, 0]));

        Assert.Contains("Item 2", Assert.Single(e.Errors["answers[1]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswerOutOfRangeIsRefusedNamingTheItem()
    {
        var e = Assert.Throws<InputValidationException>(() => InstrumentScoring.Score(Phq9, AnswerSets.Phq9(0, 0, 4, 0, 0, 0, 0, 0, 0)));

        var error = Assert.Single(Assert.Single(e.Errors).Value);
        Assert.Equal("answers[2]", Assert.Single(e.Errors).Key);
        Assert.Contains("Item 3", error, StringComparison.Ordinal);
        Assert.Contains("4 is not one of them", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeAnswerIsRefused()
    {
        var e = Assert.Throws<InputValidationException>(() => InstrumentScoring.Score(Phq9, AnswerSets.Phq9(-1, 0, 0, 0, 0, 0, 0, 0, 0)));

        Assert.Contains("Item 1", Assert.Single(e.Errors["answers[0]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyAnswersAreRefused()
    {
        var e = Assert.Throws<InputValidationException>(() => InstrumentScoring.Score(Phq9, new int?[11]));

        Assert.Contains("PHQ-9 has 10 items; 11 answers were sent", Assert.Single(e.Errors["answers"]), StringComparison.Ordinal);
    }

    [Fact]
    public void TooFewAnswersAreRefused()
    {
        var e = Assert.Throws<InputValidationException>(() => InstrumentScoring.Score(Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0]));

        Assert.Contains("PHQ-9 has 10 items; 9 answers were sent", Assert.Single(e.Errors["answers"]), StringComparison.Ordinal);
    }

    [Fact]
    public void NoAnswerListIsRefused()
    {
        var e = Assert.Throws<InputValidationException>(() => InstrumentScoring.Score(Phq9, null));

        Assert.Equal("Answers are required.", Assert.Single(e.Errors["answers"]));
    }

    [Fact]
    public void EveryWrongAnswerIsNamedAtOnce()
    {
        var e = Assert.Throws<InputValidationException>(() => InstrumentScoring.Score(Phq9, AnswerSets.Phq9(7, 0, 0, 0, 0, 0, 0, 0, 9)));

        Assert.Equal(["answers[0]", "answers[8]"], e.Errors.Keys.Order());
    }

    [Theory]
    [InlineData(0, RiskLevel.None)]
    [InlineData(1, RiskLevel.Elevated)]
    [InlineData(2, RiskLevel.High)]
    [InlineData(3, RiskLevel.High)]
    public void Phq9Item9SetsTheRiskWhateverTheTotal(int item9, RiskLevel expected)
    {
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(0, 0, 0, 0, 0, 0, 0, 0, item9));

        Assert.Equal(expected, scored.Risk);
        if (expected == RiskLevel.None)
        {
            Assert.Empty(scored.CriticalAnswers);
        }
        else
        {
            Assert.Equal(new CriticalAnswer(9, item9, expected), Assert.Single(scored.CriticalAnswers));
        }
    }

    [Fact]
    public void APartlyAnsweredPhq9WithItem9AboveZeroStillFlagsRisk()
    {
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(null, null, null, null, null, null, null, null, 1));

        Assert.Null(scored.Total);
        Assert.Equal(RiskLevel.Elevated, scored.Risk);
        Assert.Equal(9, Assert.Single(scored.CriticalAnswers).ItemNumber);
    }

    [Theory]
    [InlineData(0, 3, RiskLevel.Elevated)] // "Yes, quite often"
    [InlineData(1, 2, RiskLevel.Elevated)] // "Sometimes"
    [InlineData(2, 1, RiskLevel.Elevated)] // "Hardly ever"
    [InlineData(3, 0, RiskLevel.None)]     // "Never"
    public void EpdsItem10AboveZeroIsElevated(int value, int score, RiskLevel expected)
    {
        int?[] answers = [0, 0, 3, 0, 3, 3, 3, 3, 3, value];

        var scored = InstrumentScoring.Score(InstrumentCatalog.EpdsInstrument, answers);

        Assert.Equal(expected, scored.Risk);
        Assert.Equal(score, scored.Total);
    }

    [Fact]
    public void Gad7AndWsasHaveNoCriticalItems()
    {
        Assert.Equal(RiskLevel.None, InstrumentScoring.Score(InstrumentCatalog.Gad7Instrument, AnswerSets.Totalling(InstrumentCatalog.Gad7Instrument, 21)).Risk);
        Assert.Equal(RiskLevel.None, InstrumentScoring.Score(InstrumentCatalog.WsasInstrument, AnswerSets.Totalling(InstrumentCatalog.WsasInstrument, 40)).Risk);
    }

    [Fact]
    public void FiveItemsMoreThanHalfTheDaysIncludingLowInterestSuggestMajorDepressiveSyndrome()
    {
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(2, 0, 2, 2, 2, 2, 0, 0, 0));

        Assert.Equal("Suggests major depressive syndrome (a screening pattern, not a diagnosis).", scored.Suggestion);
    }

    [Fact]
    public void Item9CountsTowardsTheSuggestionAtSeveralDays()
    {
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(0, 3, 2, 2, 2, 0, 0, 0, 1));

        Assert.StartsWith("Suggests major depressive syndrome", scored.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherItemsCountOnlyFromMoreThanHalfTheDays()
    {
        // Items 2–5 at "several days" do not count: only item 1 and item 9 do, so 2 items.
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(2, 1, 1, 1, 1, 0, 0, 0, 1));

        Assert.StartsWith("Suggests another depressive syndrome", scored.Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TwoToFourItemsIncludingLowMoodSuggestAnotherDepressiveSyndrome(int items)
    {
        var answers = AnswerSets.Phq9(0, 2, 0, 0, 0, 0, 0, 0, 0);
        for (var i = 2; i < items + 1; i++)
        {
            answers[i] = 3;
        }

        var scored = InstrumentScoring.Score(Phq9, answers);

        Assert.Equal("Suggests another depressive syndrome (a screening pattern, not a diagnosis).", scored.Suggestion);
    }

    [Fact]
    public void WithoutLowInterestOrLowMoodNothingIsSuggestedHoweverHighTheTotal()
    {
        var scored = InstrumentScoring.Score(Phq9, AnswerSets.Phq9(1, 1, 3, 3, 3, 3, 3, 3, 0));

        Assert.Equal(20, scored.Total);
        Assert.Null(scored.Suggestion);
    }

    [Fact]
    public void OneItemAloneSuggestsNothing()
    {
        Assert.Null(InstrumentScoring.Score(Phq9, AnswerSets.Phq9(3, 0, 0, 0, 0, 0, 0, 0, 0)).Suggestion);
    }

    [Fact]
    public void OnlyThePhq9SuggestsASyndrome()
    {
        Assert.Null(InstrumentScoring.Score(InstrumentCatalog.Gad7Instrument, AnswerSets.Totalling(InstrumentCatalog.Gad7Instrument, 21)).Suggestion);
    }

    [Fact]
    public void TheAnswersAreKeptExactlyAsGiven()
    {
        var answers = AnswerSets.Phq9(0, 1, 2, 3, null, 1, 2, 3, 0);
        answers[9] = 2;

        var scored = InstrumentScoring.Score(Phq9, answers);
        var response = AssessmentResponse.Record(Guid.NewGuid(), Guid.NewGuid(), scored, Guid.NewGuid(), DateTimeOffset.UnixEpoch);

        Assert.Equal(answers, scored.Answers);
        Assert.Equal("0,1,2,3,,1,2,3,0,2", response.Answers);
        Assert.Equal(answers, response.AnswerList());
    }
}
