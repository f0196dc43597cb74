using Rapport.Web.Features.Accounts;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class CountryNameTests
{
    [Theory]
    [InlineData("GB", "the United Kingdom")]
    [InlineData("US", "the United States")]
    [InlineData("NL", "the Netherlands")]
    [InlineData("PH", "the Philippines")]
    [InlineData("DO", "the Dominican Republic")]
    [InlineData("DE", "Germany")]
    [InlineData("IS", "Iceland")]
    [InlineData("KE", "Kenya")]
    public void ACountryReadsInASentenceWithTheArticleEnglishGivesIt(string code, string inSentence) =>
        Assert.Equal(inSentence, ProfileChoices.CountryNameInSentence(code));
}
