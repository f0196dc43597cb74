using System.Text;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Safety;

namespace Rapport.UnitTests.Features.Safety;

/// <summary>crisis-lines.json: a line for every country a patient may choose, its emergency number first and once.</summary>
public sealed class CrisisLineBookTests
{
    private static readonly CrisisLineBook Book = CrisisLineBook.Load();
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    private static CrisisResource Clinic(string country, string name, string phone, int order = 1) =>
        CrisisResource.Create(new(country, name, phone, null, null, "24 hours", null, order), Now);

    [Fact]
    public void EveryCountryTheRegistrationFormAndTheDirectoryOfferHasCrisisLines()
    {
        // The registration form, the profile and the therapist directory all offer ProfileChoices.Countries.
        var missing = ProfileChoices.Countries.Where(c => Book.For(c.Code) is null).Select(c => $"{c.Code} {c.Name}").ToList();

        Assert.True(missing.Count == 0, "No crisis lines for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EachCountrysEmergencyNumberIsListedFirstAndOnlyOnce()
    {
        // The seed used to list 112 "everywhere" beside 911 or 999; a clinic line for every country must not bring it back.
        var everywhere = Clinic(CrisisResource.Everywhere, "Emergency services", "112");
        foreach (var country in Book.Countries)
        {
            var lines = CrisisLines.Merge(country, [everywhere]);

            Assert.True(lines[0].IsEmergency && lines[0].Phone == country.Emergency.Number, $"{country.Code}: the emergency number is not first.");
            var dialled = CrisisResource.Dial(country.Emergency.Number);
            Assert.True(lines.Count(l => l.Phone is { } p && CrisisResource.Dial(p) == dialled) == 1, $"{country.Code}: {country.Emergency.Number} is listed twice.");
            Assert.Single(lines, l => l.IsEmergency);
        }
    }

    [Fact]
    public void AUsPatientSees911Then988AndNo112()
    {
        var lines = CrisisLines.Merge(Book.For("US"), []);

        Assert.Equal(["911", "988"], lines.Take(2).Select(l => l.Phone));
        Assert.DoesNotContain(lines, l => l.Phone == "112");
    }

    [Theory]
    [InlineData("JP", "119", "Police: 110.")]
    [InlineData("BR", "192", "Police: 190.")]
    [InlineData("AE", "999", "Ambulance: 998.")]
    [InlineData("NG", "112", null)]
    [InlineData("GH", "112", "191 (police)")]
    [InlineData("SN", "18", "Police: 17.")]
    public void TheCountriesTheClinicServesShowTheirOwnEmergencyNumber(string country, string number, string? notes)
    {
        var emergency = CrisisLines.Merge(Book.For(country), [])[0];

        Assert.Equal(number, emergency.Phone);
        if (notes is not null)
        {
            Assert.Contains(notes, emergency.Notes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABrazilianPatientIsGivenCvvOn188()
    {
        var lines = CrisisLines.Merge(Book.For("BR"), []);

        Assert.Contains(lines, l => l.Name.StartsWith("CVV", StringComparison.Ordinal) && l.Phone == "188");
    }

    [Fact]
    public void AClinicLineWithTheSameNumberReplacesTheShippedOneAndOthersFollowWithLinesForEveryCountryLast()
    {
        var corrected = Clinic("GB", "Samaritans (our hours)", "116 123");
        var local = Clinic("GB", "Our out-of-hours line", "0800 000 111", order: 2);
        var everywhere = Clinic(CrisisResource.Everywhere, "Clinic duty phone", "+44 20 0000 0000");

        var lines = CrisisLines.Merge(Book.For("GB"), [everywhere, local, corrected]);

        Assert.Equal(["Emergency services", "Samaritans (our hours)", "Shout", "Our out-of-hours line", "Clinic duty phone"], lines.Select(l => l.Name));
    }

    [Fact]
    public void APatientWhoseCountryIsUnknownIsGiven112WithWordsToUseTheLocalNumber()
    {
        var lines = CrisisLines.Merge(Book.For("XA"), []);

        var only = Assert.Single(lines);
        Assert.Equal("112", only.Phone);
        Assert.Contains("call the local emergency number", only.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEntryNamesTheWebPageItsNumbersCameFrom()
    {
        Assert.All(Book.Countries, c => Assert.StartsWith("https://", c.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void AFileWithAServiceNobodyCanReachStopsTheAppAtStartUp()
    {
        const string json = """
            {"countries":[{"country":"GB","emergency":{"number":"999"},"services":[{"name":"Nowhere","hours":""}],"source":"https://example.org","verifiedOn":null}]}
            """;

        var refused = Assert.Throws<InvalidOperationException>(() => CrisisLineBook.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("GB: Nowhere: Give at least a phone number", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileListingACountryTwiceStopsTheAppAtStartUp()
    {
        const string json = """
            {"countries":[{"country":"GB","emergency":{"number":"999"},"services":[],"source":"https://example.org"},
                          {"country":"GB","emergency":{"number":"112"},"services":[],"source":"https://example.org"}]}
            """;

        var refused = Assert.Throws<InvalidOperationException>(() => CrisisLineBook.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("lists GB twice", refused.Message, StringComparison.Ordinal);
    }
}
