using Rapport.Web.Features.Therapists;

namespace Rapport.UnitTests.Features.Therapists;

public sealed class OfferingKeysTests
{
    [Fact]
    public void EveryConditionHasItsOwnKeyThatLeadsBackToIt()
    {
        var keys = TherapistProfile.Offerings.Select(o => OfferingKeys.KeyFor(o.Code)).ToArray();

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(TherapistProfile.Offerings, o => Assert.Equal(o.Code, OfferingKeys.CodeFor(OfferingKeys.KeyFor(o.Code))));
    }

    [Fact]
    public void AKeySaysNothingAboutTheCondition()
    {
        Assert.All(TherapistProfile.Offerings, o =>
        {
            var key = OfferingKeys.KeyFor(o.Code);
            Assert.Matches("^[0-9a-f]{8}$", key);
            Assert.DoesNotContain(o.Code, key, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("depression")]
    [InlineData("00000000")]
    public void AnUnknownKeyMeansNoFilter(string? key)
    {
        Assert.Null(OfferingKeys.CodeFor(key));
    }
}
