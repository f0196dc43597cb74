using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

/// <summary>Change from baseline as docs/clinical/measures.md#change-from-baseline and the Assessments readme (rule 7) define it: reliable change, response, remission.</summary>
public sealed class MeasureChangeTests
{
    private static MeasureChange Compare(string id, int baseline, int current) => MeasureChange.Compare(InstrumentCatalog.Find(id)!, baseline, current);

    [Theory]
    [InlineData(InstrumentCatalog.Phq9, 20, 14, true)]
    [InlineData(InstrumentCatalog.Phq9, 20, 15, false)]
    [InlineData(InstrumentCatalog.Gad7, 15, 11, true)]
    [InlineData(InstrumentCatalog.Gad7, 15, 12, false)]
    public void AReliableImprovementNeedsTheFullPublishedDrop(string id, int baseline, int current, bool reliable)
    {
        var change = Compare(id, baseline, current);

        Assert.Equal(reliable, change.ReliableImprovement);
        Assert.False(change.ReliableDeterioration);
        Assert.Equal(current - baseline, change.Delta);
    }

    [Theory]
    [InlineData(InstrumentCatalog.Phq9, 10, 16, true)]
    [InlineData(InstrumentCatalog.Phq9, 10, 15, false)]
    [InlineData(InstrumentCatalog.Gad7, 8, 12, true)]
    [InlineData(InstrumentCatalog.Gad7, 8, 11, false)]
    public void AReliableDeteriorationNeedsTheFullPublishedRise(string id, int baseline, int current, bool reliable)
    {
        var change = Compare(id, baseline, current);
        string[] labels = reliable ? ["Reliable deterioration"] : [];

        Assert.Equal(reliable, change.ReliableDeterioration);
        Assert.False(change.ReliableImprovement);
        Assert.Equal(labels, change.Labels());
    }

    [Theory]
    [InlineData(InstrumentCatalog.Phq9, 20, 10, true)]
    [InlineData(InstrumentCatalog.Phq9, 20, 11, false)]
    [InlineData(InstrumentCatalog.Phq9, 15, 7, true)]
    [InlineData(InstrumentCatalog.Phq9, 15, 8, false)]
    [InlineData(InstrumentCatalog.Gad7, 16, 8, true)]
    [InlineData(InstrumentCatalog.Gad7, 16, 9, false)]
    [InlineData(InstrumentCatalog.HamD17, 24, 12, true)]
    [InlineData(InstrumentCatalog.HamD17, 24, 13, false)]
    public void AResponseIsAtLeastAHalvingOfTheBaseline(string id, int baseline, int current, bool response)
    {
        Assert.Equal(response, Compare(id, baseline, current).Response);
    }

    [Theory]
    [InlineData(InstrumentCatalog.Phq9, 12, 4, true)]
    [InlineData(InstrumentCatalog.Phq9, 12, 5, false)]
    [InlineData(InstrumentCatalog.Gad7, 12, 4, true)]
    [InlineData(InstrumentCatalog.Gad7, 12, 5, false)]
    [InlineData(InstrumentCatalog.HamD17, 20, 7, true)]
    [InlineData(InstrumentCatalog.HamD17, 20, 8, false)]
    public void RemissionIsAMoveIntoThePublishedRange(string id, int baseline, int current, bool remission)
    {
        Assert.Equal(remission, Compare(id, baseline, current).Remission);
    }

    [Theory]
    [InlineData(InstrumentCatalog.Phq9, 4, 0)]
    [InlineData(InstrumentCatalog.Gad7, 3, 1)]
    [InlineData(InstrumentCatalog.HamD17, 7, 2)]
    public void APatientWhoStartedInTheRemissionRangeHasNotRemitted(string id, int baseline, int current)
    {
        var change = Compare(id, baseline, current);

        Assert.False(change.Remission);
        Assert.False(change.Response);
    }

    [Fact]
    public void AFullRecoveryOnPhq9CarriesEveryLabelMostImportantFirst()
    {
        Assert.Equal(["Remission", "Response", "Reliable improvement"], Compare(InstrumentCatalog.Phq9, 20, 3).Labels());
    }

    [Fact]
    public void HamDHasNoReliableChangeThresholdSoNoneIsClaimed()
    {
        var change = Compare(InstrumentCatalog.HamD17, 30, 0);

        Assert.False(change.ReliableImprovement);
        Assert.Equal(["Remission", "Response"], change.Labels());
    }

    [Theory]
    [InlineData(40, 0)]
    [InlineData(0, 40)]
    [InlineData(30, 12)]
    public void WsasChangeIsNeverLabelled(int baseline, int current)
    {
        var change = Compare(InstrumentCatalog.Wsas, baseline, current);

        Assert.Empty(change.Labels());
        Assert.Equal(current - baseline, change.Delta);
    }

    [Fact]
    public void NoChangeHasNoLabel()
    {
        Assert.Empty(Compare(InstrumentCatalog.Phq9, 12, 12).Labels());
    }
}
