using Rapport.Web.Features;
using Rapport.Web.Features.Safety;

namespace Rapport.UnitTests.Features.Safety;

public sealed class CrisisResourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly CrisisResource.Details Samaritans =
        new("gb", " Samaritans ", "116 123", null, "https://www.samaritans.org", "24 hours", "Free to call from any phone.", 1);

    [Fact]
    public void AResourceIsStoredTidied()
    {
        var resource = CrisisResource.Create(Samaritans, Now);

        Assert.Equal("GB", resource.CountryCode);
        Assert.Equal("Samaritans", resource.Name);
        Assert.Null(resource.Text);
        Assert.Equal(Now, resource.UpdatedAt);
    }

    [Fact]
    public void AResourceShownEverywhereUsesTheStar()
    {
        var resource = CrisisResource.Create(Samaritans with { CountryCode = "*", Name = "Emergency services", Phone = "112", Url = null }, Now);

        Assert.Equal(CrisisResource.Everywhere, resource.CountryCode);
    }

    [Fact]
    public void ATextOnlyServiceIsEnough()
    {
        var resource = CrisisResource.Create(Samaritans with { Phone = null, Url = null, Text = "85258" }, Now);

        Assert.Equal("85258", resource.Text);
    }

    public static TheoryData<CrisisResource.Details, string> Refused => new()
    {
        { Samaritans with { CountryCode = "GBR" }, "two-letter code" },
        { Samaritans with { CountryCode = "G1" }, "two-letter code" },
        { Samaritans with { CountryCode = "" }, "two-letter code" },
        { Samaritans with { Name = " " }, "Give the service a name" },
        { Samaritans with { Name = new string('a', 121) }, "Give the service a name" },
        { Samaritans with { Phone = null, Text = " ", Url = null }, "at least a phone number" },
        { Samaritans with { Phone = "call 116 123" }, "A phone number may hold" },
        { Samaritans with { Text = "SHOUT" }, "A text number may hold" },
        { Samaritans with { Url = "http://www.samaritans.org" }, "must start with https://" },
        { Samaritans with { Url = "www.samaritans.org" }, "must start with https://" },
        { Samaritans with { Hours = new string('a', 61) }, "hours under 60" },
        { Samaritans with { Notes = new string('a', 301) }, "notes under 300" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AWrongResourceIsRefusedAndTheOldOneStays(CrisisResource.Details details, string message)
    {
        var resource = CrisisResource.Create(Samaritans, Now);

        var e = Assert.Throws<RuleViolationException>(() => resource.Change(details, Now.AddDays(1)));

        Assert.Equal(SafetyRules.CrisisResourceInvalid, e.Rule);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(("GB", "Samaritans", "116 123", Now), (resource.CountryCode, resource.Name, resource.Phone, resource.UpdatedAt));
    }

    [Theory]
    [InlineData("116 123", "116123")]
    [InlineData("0800 111 0 111", "08001110111")]
    [InlineData("+1 988", "+1988")]
    [InlineData("+353-1-671-0071", "+35316710071")]
    [InlineData("1+2", "12")]
    public void DialGivesTheNumberAPhoneCanCallInOneTap(string written, string dialled)
    {
        Assert.Equal(dialled, CrisisResource.Dial(written));
    }
}
