using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

/// <summary>The EPDS wording is never shipped; the clinic's licensed file supplies it (Assessments readme, rule 2a).</summary>
public sealed class EpdsWordingTests
{
    /// <summary>A topic label is a word or two; a questionnaire item is a sentence.</summary>
    private const int LongestTopic = 20;

    /// <summary>Invented wording in the file's shape: 10 items of 4 answers each.</summary>
    private static string File(int items = 10, int answers = 4) => System.Text.Json.JsonSerializer.Serialize(new
    {
        instructions = "Test instructions from the clinic.",
        items = Enumerable.Range(1, items).Select(i => new
        {
            text = $"Test item {i} from the clinic",
            options = Enumerable.Range(0, answers).Select(o => $"Test answer {i}.{o}").ToArray(),
        }).ToArray(),
    });

    [Fact]
    public void TheCatalogCarriesNoEpdsItemOrAnswerWording()
    {
        var epds = InstrumentCatalog.EpdsInstrument;

        Assert.True(epds.TextsFromLicenceFile);
        Assert.All(epds.Items, i => Assert.InRange(i.Text.Length, 1, LongestTopic));
        Assert.All(epds.Items.SelectMany(i => i.Options), o => Assert.Equal("", o.Label));
    }

    [Fact]
    public void TheClinicsFileSuppliesEveryItemAndAnswerAndTheScoringStaysTheCatalogs()
    {
        var (epds, problem) = LicensedInstrumentTexts.Apply(InstrumentCatalog.EpdsInstrument, File());

        Assert.Null(problem);
        Assert.Equal("Test instructions from the clinic.", epds!.Instructions);
        Assert.Equal("Test item 10 from the clinic", epds.Items[9].Text);
        Assert.Equal("Test answer 3.0", epds.Items[2].Options[0].Label);
        Assert.Equal(InstrumentCatalog.EpdsInstrument.Items.SelectMany(i => i.Options.Select(o => o.Score)), epds.Items.SelectMany(i => i.Options.Select(o => o.Score)));
    }

    [Theory]
    [InlineData(9, 4, "EPDS's wording file has 9 items; the form has 10.")]
    [InlineData(10, 3, "Item 1 of EPDS's wording file needs its text and 4 answers.")]
    public void AFileThatDoesNotFitTheFormIsNotUsedAndSaysWhy(int items, int answers, string why)
    {
        var (epds, problem) = LicensedInstrumentTexts.Apply(InstrumentCatalog.EpdsInstrument, File(items, answers));

        Assert.Null(epds);
        Assert.Equal(why, problem);
    }

    [Fact]
    public void WithoutTheFileTheEpdsIsNotAvailableAndTheReasonNamesTheSetting()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var texts = new LicensedInstrumentTexts(config, Microsoft.Extensions.Logging.Abstractions.NullLogger<LicensedInstrumentTexts>.Instance);

        Assert.Null(texts.For(InstrumentCatalog.EpdsInstrument));
        Assert.Contains("set Instruments:Epds:TextsFile", texts.Problem(InstrumentCatalog.EpdsInstrument), StringComparison.Ordinal);
        Assert.Same(InstrumentCatalog.Phq9Instrument, texts.For(InstrumentCatalog.Phq9Instrument));
    }
}
