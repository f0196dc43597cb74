using Rapport.Web.Features.Accounts;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class TokenFamilyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private const string Stamp = "STAMP";

    [Fact]
    public void RedeemingTheNewestTokenGivesAnotherAndKeepsOnlyItsHash()
    {
        var (family, first) = TokenFamily.Start(Guid.NewGuid(), Stamp, secondFactor: false, Now);

        var (outcome, second) = family.Redeem(first, Stamp, Now.AddMinutes(1));

        Assert.Equal(TokenRedemption.Rotated, outcome);
        Assert.NotEqual(first, second);
        Assert.Equal(TokenFamily.HashToken(second!), family.RefreshTokenHash);
        Assert.Equal(2, family.Generation);
    }

    [Fact]
    public void RedeemingAnOlderTokenIsAReplayThatRevokesTheFamily()
    {
        var (family, first) = TokenFamily.Start(Guid.NewGuid(), Stamp, secondFactor: false, Now);
        var (_, second) = family.Redeem(first, Stamp, Now.AddMinutes(1));

        var (replay, _) = family.Redeem(first, Stamp, Now.AddMinutes(2));
        var (newest, _) = family.Redeem(second!, Stamp, Now.AddMinutes(3));

        Assert.Equal(TokenRedemption.Replayed, replay);
        Assert.Equal(TokenRedemption.Revoked, newest);
        Assert.NotNull(family.RevokedAt);
    }

    [Fact]
    public void ANewSecurityStampEndsTheFamily()
    {
        var (family, first) = TokenFamily.Start(Guid.NewGuid(), Stamp, secondFactor: false, Now);

        var (outcome, token) = family.Redeem(first, "NEW-STAMP", Now.AddMinutes(1));

        Assert.Equal(TokenRedemption.Revoked, outcome);
        Assert.Null(token);
        Assert.NotNull(family.RevokedAt);
    }

    [Fact]
    public void ARefreshTokenUnusedForFifteenMinutesIsDead()
    {
        var (family, first) = TokenFamily.Start(Guid.NewGuid(), Stamp, secondFactor: false, Now);

        Assert.Equal(TokenRedemption.Expired, family.Redeem(first, Stamp, Now + TokenFamily.RefreshLifetime).Outcome);
    }

    [Fact]
    public void AFamilyEndsTwelveHoursAfterSignInHoweverOftenItIsRefreshed()
    {
        var (family, token) = TokenFamily.Start(Guid.NewGuid(), Stamp, secondFactor: false, Now);
        var at = Now;
        TokenRedemption outcome;
        do
        {
            at = at.AddMinutes(10);
            (outcome, var next) = family.Redeem(token, Stamp, at);
            token = next ?? token;
        }
        while (outcome == TokenRedemption.Rotated);

        Assert.Equal(TokenRedemption.Expired, outcome);
        Assert.True(at >= Now + TokenFamily.AbsoluteLifetime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("not-a-guid-but-thirty-two-chars!.x")]
    public void ATokenThatNamesNoFamilyIsNotLookedUp(string token) => Assert.Null(TokenFamily.FamilyOf(token));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 32)]
    [InlineData(6, 64)]
    [InlineData(9, 512)]
    [InlineData(10, 900)]
    [InlineData(1000, 900)]
    public void WrongTriesWaitLongerEachTimeUpToFifteenMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), PasswordSignIn.WaitAfter(failures));
}
