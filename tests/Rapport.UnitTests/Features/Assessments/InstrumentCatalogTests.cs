using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

/// <summary>The published facts of each instrument, as docs/clinical/measures.md gives them.</summary>
public sealed class InstrumentCatalogTests
{
    [Theory]
    [InlineData(InstrumentCatalog.Phq9, 10, 9, 27)]
    [InlineData(InstrumentCatalog.Gad7, 8, 7, 21)]
    [InlineData(InstrumentCatalog.Wsas, 5, 5, 40)]
    [InlineData(InstrumentCatalog.HamD17, 17, 17, 52)]
    [InlineData(InstrumentCatalog.Epds, 10, 10, 30)]
    public void EachInstrumentHasItsPublishedItemCountAndMaximum(string id, int items, int scored, int maxTotal)
    {
        var instrument = InstrumentCatalog.Find(id)!;

        Assert.Equal(items, instrument.Items.Count);
        Assert.Equal(scored, instrument.ScoredItems.Count());
        Assert.Equal(maxTotal, instrument.MaxTotal);
        Assert.Equal(Enumerable.Range(1, items), instrument.Items.Select(i => i.Number));
    }

    [Fact]
    public void Phq9CarriesTheLoincCodesOfItsItemsTotalAndPanel()
    {
        var phq9 = InstrumentCatalog.Phq9Instrument;

        Assert.Equal("44249-1", phq9.PanelLoinc);
        Assert.Equal("44261-6", phq9.TotalLoinc);
        Assert.Equal(
            ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8", "69722-7"],
            phq9.Items.Select(i => i.Loinc));
    }

    [Fact]
    public void Phq9DifficultyQuestionIsRecordedButNotScored()
    {
        var difficulty = InstrumentCatalog.Phq9Instrument.Items[9];

        Assert.False(difficulty.Scored);
        Assert.Equal(["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"], difficulty.Options.Select(o => o.Label));
        Assert.All(InstrumentCatalog.Phq9Instrument.Items.Take(9), i => Assert.Equal([0, 1, 2, 3], i.Options.Select(o => o.Score!.Value)));
    }

    [Theory]
    [InlineData(InstrumentCatalog.Gad7, "69737-5", "70274-6")]
    [InlineData(InstrumentCatalog.Epds, "71354-5", "99046-5")]
    public void PanelAndTotalCodesMatchTheReference(string id, string panel, string total)
    {
        var instrument = InstrumentCatalog.Find(id)!;

        Assert.Equal(panel, instrument.PanelLoinc);
        Assert.Equal(total, instrument.TotalLoinc);
    }

    [Fact]
    public void HamD17HasNineItemsScoredZeroToFourAndEightScoredZeroToTwo()
    {
        var hamd = InstrumentCatalog.HamD17Instrument;

        Assert.Equal([1, 2, 3, 7, 8, 9, 10, 11, 15], hamd.Items.Where(i => i.MaxScore == 4).Select(i => i.Number));
        Assert.Equal([4, 5, 6, 12, 13, 14, 16, 17], hamd.Items.Where(i => i.MaxScore == 2).Select(i => i.Number));
        Assert.All(hamd.Items, i => Assert.Equal(Enumerable.Range(0, i.MaxScore + 1), i.Options.Select(o => o.Score!.Value)));
        Assert.Equal(Rater.Clinician, hamd.Rater);
    }

    [Fact]
    public void EpdsReverseScoresItemsThreeAndFiveToTen()
    {
        var epds = InstrumentCatalog.EpdsInstrument;

        var reversed = epds.Items.Where(i => i.Options[0].Score == 3).Select(i => i.Number);
        var forward = epds.Items.Where(i => i.Options[0].Score == 0).Select(i => i.Number);

        Assert.Equal([3, 5, 6, 7, 8, 9, 10], reversed);
        Assert.Equal([1, 2, 4], forward);
        Assert.All(epds.Items, i => Assert.Equal([0, 1, 2, 3], i.Options.Select(o => o.Score!.Value).Order()));
    }

    [Fact]
    public void WsasScoresEachAreaZeroToEightAndOnlyTheWorkItemMayBeNotApplicable()
    {
        var wsas = InstrumentCatalog.WsasInstrument;

        Assert.All(wsas.Items, i => Assert.Equal(Enumerable.Range(0, 9), i.Options.Where(o => o.Score is not null).Select(o => o.Score!.Value)));
        Assert.Equal([1], wsas.Items.Where(i => i.Options.Any(o => o.Score is null)).Select(i => i.Number));
    }

    [Theory]
    [InlineData(InstrumentCatalog.Phq9)]
    [InlineData(InstrumentCatalog.Gad7)]
    [InlineData(InstrumentCatalog.Wsas)]
    [InlineData(InstrumentCatalog.HamD17)]
    [InlineData(InstrumentCatalog.Epds)]
    public void BandsCoverEveryTotalOnceFromZeroToTheMaximum(string id)
    {
        var instrument = InstrumentCatalog.Find(id)!;

        Assert.All(Enumerable.Range(0, instrument.MaxTotal + 1), total => Assert.Single(instrument.Bands, b => total >= b.Min && total <= b.Max));
        Assert.Equal(Enumerable.Range(0, instrument.Bands.Count), instrument.Bands.Select(b => b.Rank));
    }

    [Theory]
    [InlineData(InstrumentCatalog.Phq9, LicenceKind.PublicDomain)]
    [InlineData(InstrumentCatalog.Gad7, LicenceKind.PublicDomain)]
    [InlineData(InstrumentCatalog.HamD17, LicenceKind.PublicDomain)]
    [InlineData(InstrumentCatalog.Wsas, LicenceKind.FreeWithPermission)]
    [InlineData(InstrumentCatalog.Epds, LicenceKind.Restricted)]
    [InlineData(InstrumentCatalog.CssrsElectronic, LicenceKind.Restricted)]
    [InlineData(InstrumentCatalog.SasSr, LicenceKind.Restricted)]
    [InlineData(InstrumentCatalog.Bdi, LicenceKind.Restricted)]
    public void EachInstrumentCarriesItsLicenceAndAnAttribution(string id, LicenceKind licence)
    {
        var instrument = InstrumentCatalog.Find(id)!;

        Assert.Equal(licence, instrument.Licence);
        Assert.False(string.IsNullOrWhiteSpace(instrument.Attribution));
    }

    [Theory]
    [InlineData(InstrumentCatalog.CssrsElectronic)]
    [InlineData(InstrumentCatalog.SasSr)]
    [InlineData(InstrumentCatalog.Bdi)]
    public void LicensedFormsWhoseWordingIsNotOursAreNotShipped(string id)
    {
        Assert.False(InstrumentCatalog.Find(id)!.ContentBundled);
    }

    [Fact]
    public void InstrumentsAreFoundByIdWhateverTheCase()
    {
        Assert.Same(InstrumentCatalog.Phq9Instrument, InstrumentCatalog.Find("PHQ-9"));
        Assert.Null(InstrumentCatalog.Find("phq-8"));
        Assert.Null(InstrumentCatalog.Find(null));
    }

    [Fact]
    public void EachInstrumentHasItsOwnAddressKeyThatDoesNotSayItsName()
    {
        var keys = InstrumentCatalog.All.Select(i => i.RouteKey).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(InstrumentCatalog.All, i =>
        {
            Assert.DoesNotContain(i.Id.Split('-')[0], i.RouteKey, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(i.ShortName.Split('-')[0], i.RouteKey, StringComparison.OrdinalIgnoreCase);
            Assert.Same(i, InstrumentCatalog.FindByRouteKey(i.RouteKey));
            Assert.Null(InstrumentCatalog.FindByRouteKey(i.Id));
        });
    }
}
