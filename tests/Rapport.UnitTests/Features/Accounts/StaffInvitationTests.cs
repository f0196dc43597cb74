using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class StaffInvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnInvitationCanBeAcceptedBeforeItExpires()
    {
        var (invitation, _) = StaffInvitation.Issue("t@example.com", Roles.Therapist, Guid.NewGuid(), Now);

        invitation.Accept(Guid.NewGuid(), Now + StaffInvitation.DefaultLifetime - TimeSpan.FromSeconds(1));

        Assert.NotNull(invitation.AcceptedAt);
    }

    [Fact]
    public void AnExpiredInvitationIsRefused()
    {
        var (invitation, _) = StaffInvitation.Issue("t@example.com", Roles.Therapist, Guid.NewGuid(), Now, TimeSpan.FromHours(48));

        var e = Assert.Throws<RuleViolationException>(() => invitation.Accept(Guid.NewGuid(), Now + TimeSpan.FromHours(48)));

        Assert.Equal(InvitationRules.NotExpired, e.Rule);
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void AnInvitationCannotBeUsedTwice()
    {
        var (invitation, _) = StaffInvitation.Issue("t@example.com", Roles.Admin, Guid.NewGuid(), Now);
        invitation.Accept(Guid.NewGuid(), Now);

        var e = Assert.Throws<RuleViolationException>(() => invitation.Accept(Guid.NewGuid(), Now.AddMinutes(1)));

        Assert.Equal(InvitationRules.UsedOnce, e.Rule);
    }

    [Fact]
    public void AWithdrawnInvitationIsRefused()
    {
        var (invitation, _) = StaffInvitation.Issue("t@example.com", Roles.Therapist, Guid.NewGuid(), Now);
        invitation.Revoke(Now);

        var e = Assert.Throws<RuleViolationException>(() => invitation.Accept(Guid.NewGuid(), Now.AddMinutes(1)));

        Assert.Equal(InvitationRules.NotRevoked, e.Rule);
    }

    [Fact]
    public void PatientsAreNeverInvited()
    {
        var e = Assert.Throws<RuleViolationException>(() => StaffInvitation.Issue("p@example.com", Roles.Patient, Guid.NewGuid(), Now));

        Assert.Equal(InvitationRules.OnlyStaffAreInvited, e.Rule);
    }

    [Fact]
    public void TheTokenCarriesAtLeast128RandomBitsAndOnlyItsHashIsStored()
    {
        var (first, token1) = StaffInvitation.Issue("t@example.com", Roles.Therapist, Guid.NewGuid(), Now);
        var (_, token2) = StaffInvitation.Issue("t@example.com", Roles.Therapist, Guid.NewGuid(), Now);

        Assert.True(token1.Length * 6 >= 128, "base64url carries 6 bits a character");
        Assert.NotEqual(token1, token2);
        Assert.DoesNotContain(token1, first.TokenHash, StringComparison.Ordinal);
        Assert.Equal(StaffInvitation.HashToken(token1), first.TokenHash);
    }
}
