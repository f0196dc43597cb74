using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.DataRights;

namespace Rapport.UnitTests.Features.DataRights;

/// <summary>The erasure request's named rules (DataRights readme, rules 1–3, 7 and 8), one rejection path per test.</summary>
public sealed class ErasureRequestRulesTests
{
    private static readonly DateTimeOffset Asked = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromDays(30);

    private static ErasureRequest NewRequest() => ErasureRequest.Request(Guid.NewGuid(), alreadyPending: false, Grace, Asked);

    private static void Refused(string rule, Action act) => Assert.Equal(rule, Assert.Throws<RuleViolationException>(act).Rule);

    [Fact]
    public void ARequestWaitsOutTheGracePeriodFromTheMomentItIsAsked()
    {
        var request = NewRequest();

        Assert.Equal(ErasureStatus.Pending, request.Status);
        Assert.Equal(Asked + Grace, request.CarryOutAfter);
    }

    [Fact]
    public void ASecondRequestWhileOneIsPendingIsRefused() =>
        Refused(DataRightsRules.OnePendingRequest, () => ErasureRequest.Request(Guid.NewGuid(), alreadyPending: true, Grace, Asked));

    [Fact]
    public void ThePatientCancelsWithinTheGracePeriod()
    {
        var request = NewRequest();

        request.Cancel(Asked + Grace - TimeSpan.FromMinutes(1));

        Assert.Equal(ErasureStatus.Cancelled, request.Status);
    }

    [Fact]
    public void CancellingOnceTheGracePeriodIsOverIsRefused() =>
        Refused(DataRightsRules.CancelOnlyWithinGrace, () => NewRequest().Cancel(Asked + Grace));

    [Fact]
    public void CancellingARequestAlreadyCancelledIsRefused()
    {
        var request = NewRequest();
        request.Cancel(Asked.AddDays(1));

        Refused(DataRightsRules.CancelOnlyWhilePending, () => request.Cancel(Asked.AddDays(2)));
    }

    [Fact]
    public void CarryingOutBeforeTheGracePeriodEndsIsRefused() =>
        Refused(DataRightsRules.CarryOutOnlyAfterGrace, () => NewRequest().CarryOut(Asked + Grace - TimeSpan.FromSeconds(1), Asked.AddYears(10)));

    [Fact]
    public void ACancelledRequestIsNeverCarriedOut()
    {
        var request = NewRequest();
        request.Cancel(Asked.AddDays(1));

        Refused(DataRightsRules.CarryOutOnlyPending, () => request.CarryOut(Asked + Grace, Asked.AddYears(10)));
    }

    [Fact]
    public void ACarriedOutRequestCanNoLongerBeCancelled()
    {
        var request = NewRequest();
        request.CarryOut(Asked + Grace, Asked.AddYears(10));

        Refused(DataRightsRules.CancelOnlyWhilePending, () => request.Cancel(Asked + Grace));
    }

    [Fact]
    public void PurgingBeforeTheRetentionEndsIsRefused()
    {
        var request = NewRequest();
        request.CarryOut(Asked + Grace, Asked.AddYears(10));

        Refused(DataRightsRules.PurgeOnlyAfterRetention, () => request.Purged(Asked.AddYears(10).AddDays(-1)));
    }

    [Fact]
    public void APendingRequestIsNeverPurged() =>
        Refused(DataRightsRules.PurgeOnlyCarriedOut, () => NewRequest().Purged(Asked.AddYears(20)));

    [Fact]
    public void ALaterClinicalContactMovesTheEndOfRetentionLaterButNeverEarlier()
    {
        var request = NewRequest();
        request.CarryOut(Asked + Grace, Asked.AddYears(10));

        request.KeepUntil(Asked.AddYears(9));
        var notEarlier = request.RetentionEndsAt;
        request.KeepUntil(Asked.AddYears(11));

        Assert.Equal(Asked.AddYears(10), notEarlier);
        Assert.Equal(Asked.AddYears(11), request.RetentionEndsAt);
    }

    [Fact]
    public void RetentionIsTheCountrysYearsWhenConfiguredAndTheDefaultOtherwise()
    {
        var retention = new RetentionOptions { Countries = new(StringComparer.OrdinalIgnoreCase) { ["GB"] = 8 } };
        var lastContact = new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(lastContact.AddYears(8), retention.EndsAt(lastContact, "gb"));
        Assert.Equal(lastContact.AddYears(10), retention.EndsAt(lastContact, "DE"));
        Assert.Equal(lastContact.AddYears(10), retention.EndsAt(lastContact, ""));
    }

    [Fact]
    public void AnErasedAccountHoldsNoWayToSignInOrBeReachedButKeepsItsName()
    {
        var user = new RapportUser
        {
            Id = Guid.NewGuid(),
            DisplayName = "Alex Example",
            Email = "alex@example.test",
            NormalizedEmail = "ALEX@EXAMPLE.TEST",
            UserName = "alex@example.test",
            PhoneNumber = "+442079460123",
            PasswordHash = "hash",
            TwoFactorEnabled = true,
            SecurityStamp = "before",
        };

        user.EraseSignIn(Asked, Asked.AddYears(10));

        Assert.Null(user.Email);
        Assert.Null(user.PhoneNumber);
        Assert.Null(user.PasswordHash);
        Assert.False(user.TwoFactorEnabled);
        Assert.NotEqual("before", user.SecurityStamp);
        Assert.DoesNotContain("alex", user.UserName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Alex Example", user.DisplayName);
        Assert.Equal(Asked.AddYears(10), user.RecordsKeptUntil);
        Assert.Equal(AccountRules.AlreadyErased, Assert.Throws<RuleViolationException>(() => user.EraseSignIn(Asked, Asked)).Rule);
    }
}
