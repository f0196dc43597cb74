using Rapport.Web.Features.Accounts;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("Password123")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou1")]
    [InlineData("monkey123!")]
    [InlineData("  Sunshine  ")]
    public void CommonPasswordsAreRefused(string password)
    {
        var result = CommonPasswordValidator.Validate(password, "someone@example.com", "Someone");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "PasswordCommon");
    }

    [Fact]
    public void APasswordOfOneRepeatedCharacterIsRefused()
    {
        var result = CommonPasswordValidator.Validate("zzzzzzzzzzzz", "someone@example.com", "Someone");

        Assert.Contains(result.Errors, e => e.Code == "PasswordRepetitive");
    }

    [Fact]
    public void APasswordBuiltFromTheEmailAddressIsRefused()
    {
        var result = CommonPasswordValidator.Validate("marguerite1987", "marguerite@example.com", "M");

        Assert.Contains(result.Errors, e => e.Code == "PasswordPersonal");
    }

    [Fact]
    public void APasswordLongerThan128CharactersIsRefused()
    {
        var result = CommonPasswordValidator.Validate(new string('x', 64) + new string('y', 65), "a@example.com", "A");

        Assert.Contains(result.Errors, e => e.Code == "PasswordTooLong");
    }

    [Theory]
    [InlineData("quiet river morning tea")]
    [InlineData("Kettle-orbit-7-lantern")]
    public void AnUncommonPassphraseIsAccepted(string password)
    {
        var result = CommonPasswordValidator.Validate(password, "someone@example.com", "Someone");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A64CharacterPassphraseIsAccepted()
    {
        var result = CommonPasswordValidator.Validate(string.Concat(Enumerable.Repeat("calm sea ", 7)) + "light", "a@example.com", "A");

        Assert.True(result.Succeeded);
    }
}
