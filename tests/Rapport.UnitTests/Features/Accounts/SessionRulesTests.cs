using System.Security.Claims;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Accounts.Pages;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class SessionRulesTests
{
    private static ClaimsPrincipal PersonIn(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), "test"));

    [Fact]
    public void StaffAreSignedOutAfterFifteenIdleMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), AccountsSetup.IdleTimeoutFor(PersonIn(Roles.Therapist)));
        Assert.Equal(TimeSpan.FromMinutes(15), AccountsSetup.IdleTimeoutFor(PersonIn(Roles.Admin)));
    }

    [Fact]
    public void PatientsKeepThirtyIdleMinutesToFinishLongerForms()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), AccountsSetup.IdleTimeoutFor(PersonIn(Roles.Patient)));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("")]
    [InlineData(null)]
    public void ReturnUrlsLeavingTheSiteAreReplacedByHome(string? returnUrl)
    {
        Assert.Equal("/home", SignInModel.SafeReturnUrl(returnUrl));
    }

    [Fact]
    public void ALocalReturnUrlIsKept()
    {
        Assert.Equal("/admin/audit?Action=x", SignInModel.SafeReturnUrl("/admin/audit?Action=x"));
    }

    [Theory]
    [InlineData(Roles.Admin, "/admin")]
    [InlineData(Roles.Therapist, "/therapist")]
    [InlineData(Roles.Patient, "/patient")]
    public void EachRoleLandsOnItsOwnHome(string role, string home)
    {
        Assert.Equal(home, AccountsSetup.HomeFor(PersonIn(role)));
    }
}
