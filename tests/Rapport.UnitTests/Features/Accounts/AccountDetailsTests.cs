using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class AccountDetailsTests
{
    private static RapportUser Person() => new() { DisplayName = "Robin Lee", TimeZoneId = "UTC", PreferredLanguage = "en", CountryCode = "GB" };

    [Fact]
    public void ChangedDetailsAreNamedForTheAuditInTheOrderOfTheFormAndTheNameIsTrimmed()
    {
        var person = Person();

        var changed = person.ChangeDetails("  Robin Okafor ", "Europe/London", "en", "IE");

        Assert.Equal(["name", "time zone", "country"], changed);
        Assert.Equal(("Robin Okafor", "Europe/London", "IE"), (person.DisplayName, person.TimeZoneId, person.CountryCode));
    }

    [Fact]
    public void DetailsGivenAgainUnchangedNameNothing() =>
        Assert.Empty(Person().ChangeDetails("Robin Lee", "UTC", "en", "GB"));

    [Theory]
    [InlineData("", "Europe/London", "en", "GB")]
    [InlineData("Robin <b>Lee</b>", "Europe/London", "en", "GB")]
    [InlineData("Robin Lee", "Mars/Olympus_Mons", "en", "GB")]
    [InlineData("Robin Lee", "Europe/London", "xx", "GB")]
    [InlineData("Robin Lee", "Europe/London", "en", "ZZ")]
    public void ADetailThatDoesNotFitIsRefusedAndChangesNothing(string name, string zone, string language, string country)
    {
        var person = Person();

        var refused = Assert.Throws<RuleViolationException>(() => person.ChangeDetails(name, zone, language, country));

        Assert.Equal(AccountRules.DetailsInvalid, refused.Rule);
        Assert.Equal(("Robin Lee", "UTC", "en", "GB"), (person.DisplayName, person.TimeZoneId, person.PreferredLanguage, person.CountryCode));
    }

    [Fact]
    public void ANameLongerThanAHundredCharactersIsRefused() =>
        Assert.Throws<RuleViolationException>(() => Person().ChangeDetails(new string('a', 101), "UTC", "en", "GB"));
}
