using Rapport.Web.Features.Therapists;

namespace Rapport.UnitTests.Features.Therapists;

public sealed class ProfileWordsTests
{
    [Theory]
    [InlineData("Dr Amina Okafor", "AO")]
    [InlineData("Sarah O'Connell", "SO")]
    [InlineData("prof. jonas becker", "JB")]
    [InlineData("Priya", "P")]
    [InlineData("Dr", "?")]
    public void InitialsLeaveOutTitles(string name, string initials)
    {
        Assert.Equal(initials, ProfileWords.Initials(name));
    }

    [Fact]
    public void ALongBioIsCutAtAWord()
    {
        var bio = string.Join(' ', Enumerable.Repeat("listening", 40));

        var cut = ProfileWords.Short(bio);

        Assert.True(cut.Length <= 161);
        Assert.EndsWith("listening…", cut, StringComparison.Ordinal);
    }
}
