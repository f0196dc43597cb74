using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

/// <summary>Every edge of every published band (docs/clinical/measures.md), reached by a real set of answers.</summary>
public sealed class SeverityBandTests
{
    [Theory]
    [InlineData(InstrumentCatalog.Phq9, 0, "Minimal")]
    [InlineData(InstrumentCatalog.Phq9, 4, "Minimal")]
    [InlineData(InstrumentCatalog.Phq9, 5, "Mild")]
    [InlineData(InstrumentCatalog.Phq9, 9, "Mild")]
    [InlineData(InstrumentCatalog.Phq9, 10, "Moderate")]
    [InlineData(InstrumentCatalog.Phq9, 14, "Moderate")]
    [InlineData(InstrumentCatalog.Phq9, 15, "Moderately severe")]
    [InlineData(InstrumentCatalog.Phq9, 19, "Moderately severe")]
    [InlineData(InstrumentCatalog.Phq9, 20, "Severe")]
    [InlineData(InstrumentCatalog.Phq9, 27, "Severe")]
    [InlineData(InstrumentCatalog.Gad7, 0, "Minimal")]
    [InlineData(InstrumentCatalog.Gad7, 4, "Minimal")]
    [InlineData(InstrumentCatalog.Gad7, 5, "Mild")]
    [InlineData(InstrumentCatalog.Gad7, 9, "Mild")]
    [InlineData(InstrumentCatalog.Gad7, 10, "Moderate")]
    [InlineData(InstrumentCatalog.Gad7, 14, "Moderate")]
    [InlineData(InstrumentCatalog.Gad7, 15, "Severe")]
    [InlineData(InstrumentCatalog.Gad7, 21, "Severe")]
    [InlineData(InstrumentCatalog.Wsas, 0, "Subclinical")]
    [InlineData(InstrumentCatalog.Wsas, 9, "Subclinical")]
    [InlineData(InstrumentCatalog.Wsas, 10, "Significant impairment")]
    [InlineData(InstrumentCatalog.Wsas, 20, "Significant impairment")]
    [InlineData(InstrumentCatalog.Wsas, 21, "Moderately severe or worse")]
    [InlineData(InstrumentCatalog.Wsas, 40, "Moderately severe or worse")]
    [InlineData(InstrumentCatalog.HamD17, 0, "Normal")]
    [InlineData(InstrumentCatalog.HamD17, 7, "Normal")]
    [InlineData(InstrumentCatalog.HamD17, 8, "Mild")]
    [InlineData(InstrumentCatalog.HamD17, 13, "Mild")]
    [InlineData(InstrumentCatalog.HamD17, 14, "Moderate")]
    [InlineData(InstrumentCatalog.HamD17, 18, "Moderate")]
    [InlineData(InstrumentCatalog.HamD17, 19, "Severe")]
    [InlineData(InstrumentCatalog.HamD17, 22, "Severe")]
    [InlineData(InstrumentCatalog.HamD17, 23, "Very severe")]
    [InlineData(InstrumentCatalog.HamD17, 52, "Very severe")]
    [InlineData(InstrumentCatalog.Epds, 0, "Below the screening threshold")]
    [InlineData(InstrumentCatalog.Epds, 9, "Below the screening threshold")]
    [InlineData(InstrumentCatalog.Epds, 10, "Possible depression")]
    [InlineData(InstrumentCatalog.Epds, 12, "Possible depression")]
    [InlineData(InstrumentCatalog.Epds, 13, "Probable depression")]
    [InlineData(InstrumentCatalog.Epds, 30, "Probable depression")]
    public void AnswersTotallingABandEdgeGetThePublishedBand(string id, int total, string band)
    {
        var instrument = InstrumentCatalog.Find(id)!;

        var scored = InstrumentScoring.Score(instrument, AnswerSets.Totalling(instrument, total));

        Assert.True(scored.IsComplete);
        Assert.Equal(total, scored.Total);
        Assert.Equal(band, scored.Band?.Label);
        Assert.Equal(instrument.MaxTotal, scored.MaxTotal);
    }

    [Fact]
    public void EpdsScoresAReverseScoredAnswerFromItsOwnEnd()
    {
        // "Yes, most of the time" to blaming myself (item 3) scores 3; "As much as always" to laughing (item 1) scores 0.
        int?[] answers = [0, 0, 0, 0, 3, 3, 3, 3, 3, 3];

        var scored = InstrumentScoring.Score(InstrumentCatalog.EpdsInstrument, answers);

        Assert.Equal(3, scored.Total);
        Assert.Empty(scored.CriticalAnswers);
    }
}
