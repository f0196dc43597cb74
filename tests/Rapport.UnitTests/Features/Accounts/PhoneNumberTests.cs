using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+44 20 7946 0123", "GB", "+442079460123")]
    [InlineData("020 7946 0123", "GB", "+442079460123")]
    [InlineData("(312) 555-0142", "US", "+13125550142")]
    [InlineData("0491 570 156", "AU", "+61491570156")]
    [InlineData("+49 170 1234567", "", "+491701234567")]
    public void ANumberThatCanBeDialledIsKeptInInternationalForm(string written, string country, string e164) =>
        Assert.Equal(e164, InternationalPhone.Normalise(written, country));

    [Theory]
    [InlineData("")]
    [InlineData("call my brother")]
    [InlineData("+44 12")]
    [InlineData("020 7946 0123")] // no country code, and the account's country does not say which
    [InlineData("+44 7700 900123")] // Ofcom's mobile drama range is not in the numbering plan: never an example to copy
    [InlineData("+44 20 7946 0123 900123 900123 900123")]
    public void ANumberThatCannotBeDialledIsNotANumber(string written) => Assert.Null(InternationalPhone.Normalise(written, null));

    [Fact]
    public void APatientsPhoneIsReadWithTheCountryOfTheirAccountAndRefusedWithHowToWriteIt()
    {
        var user = new RapportUser { CountryCode = "GB", PhoneNumberConfirmed = true };

        user.ChangePhoneNumber("020 7946 0123");
        var refused = Assert.Throws<RuleViolationException>(() => user.ChangePhoneNumber("12"));

        Assert.Equal("+442079460123", user.PhoneNumber);
        Assert.False(user.PhoneNumberConfirmed);
        Assert.Equal((AccountRules.PhoneNumberInvalid, "Write the number with its country code, e.g. +44 20 7946 0123."), (refused.Rule, refused.Message));
    }
}
