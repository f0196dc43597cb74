using Rapport.Web.Features;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.UnitTests.Features.CareRelationships;

/// <summary>The care relationship's transitions: each allowed step, and each refusal with its named rule.</summary>
public sealed class CareRelationshipTests
{
    private static readonly DateTimeOffset FirstConversation = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly Guid _patient = Guid.NewGuid();
    private readonly Guid _clinician = Guid.NewGuid();
    private readonly Guid _colleague = Guid.NewGuid();

    private CareRelationship Enquiry() => CareRelationship.OpenEnquiry(_patient, _clinician, FirstConversation, FirstConversation.AddDays(-3));

    private CareRelationship InCare()
    {
        var relationship = Enquiry();
        relationship.OfferCare(_clinician, FirstConversation.AddHours(1));
        relationship.Confirm(_patient, consentsToSharing: true, FirstConversation.AddDays(1));
        return relationship;
    }

    private static string RuleOf(Action action) => Assert.Throws<RuleViolationException>(action).Rule;

    [Fact]
    public void AnEnquiryBecomesCareOnlyWhenTheClinicianOffersAndThePatientConfirmsWithConsent()
    {
        var relationship = Enquiry();

        relationship.OfferCare(_clinician, FirstConversation.AddHours(1));
        var offered = relationship.Status;
        relationship.Confirm(_patient, consentsToSharing: true, FirstConversation.AddDays(1));

        Assert.Equal(CareStatus.Offered, offered);
        Assert.Equal(CareStatus.Accepted, relationship.Status);
        Assert.True(relationship.IsResponsible);
        Assert.Equal(FirstConversation.AddDays(1), relationship.AcceptedAt);
    }

    [Fact]
    public void TheClinicianCannotDecideBeforeTheFirstConversation()
    {
        var relationship = Enquiry();

        Assert.Equal(CareRelationshipRules.DecideAfterFirstConversation, RuleOf(() => relationship.OfferCare(_clinician, FirstConversation.AddMinutes(-1))));
        Assert.Equal(CareRelationshipRules.DecideAfterFirstConversation,
            RuleOf(() => relationship.Decline(_clinician, "Not the right fit.", null, FirstConversation.AddMinutes(-1))));
        Assert.Equal(CareStatus.Enquiry, relationship.Status);
    }

    [Fact]
    public void AnotherClinicianCannotActOnTheRelationshipAndIsToldItDoesNotExist()
    {
        var relationship = Enquiry();

        Assert.Throws<NotFoundException>(() => relationship.OfferCare(_colleague, FirstConversation.AddHours(1)));
        Assert.Throws<NotFoundException>(() => relationship.Confirm(_colleague, true, FirstConversation.AddHours(1)));
    }

    [Fact]
    public void ThePatientMustConsentToSharingTheirRecordToConfirm()
    {
        var relationship = Enquiry();
        relationship.OfferCare(_clinician, FirstConversation.AddHours(1));

        Assert.Equal(CareRelationshipRules.ConfirmNeedsConsent, RuleOf(() => relationship.Confirm(_patient, consentsToSharing: false, FirstConversation.AddDays(1))));
        Assert.Equal(CareStatus.Offered, relationship.Status);
    }

    [Fact]
    public void ThereIsNothingToConfirmBeforeAnOffer()
    {
        Assert.Equal(CareRelationshipRules.ConfirmOnlyAnOffer, RuleOf(() => Enquiry().Confirm(_patient, true, FirstConversation.AddDays(1))));
    }

    [Fact]
    public void OfferingTwiceIsRefused()
    {
        var relationship = Enquiry();
        relationship.OfferCare(_clinician, FirstConversation.AddHours(1));

        Assert.Equal(CareRelationshipRules.OfferOnlyAfterEnquiry, RuleOf(() => relationship.OfferCare(_clinician, FirstConversation.AddHours(2))));
    }

    [Fact]
    public void DecliningNeedsKindWordsAndKeepsTheSuggestedColleague()
    {
        var relationship = Enquiry();

        Assert.Equal(CareRelationshipRules.DeclineNeedsMessage, RuleOf(() => relationship.Decline(_clinician, "  ", null, FirstConversation.AddHours(1))));
        relationship.Decline(_clinician, "I think a colleague who speaks Arabic would suit you better.", _colleague, FirstConversation.AddHours(1));

        Assert.Equal(CareStatus.Declined, relationship.Status);
        Assert.Equal(_colleague, relationship.SuggestedColleagueId);
        Assert.False(relationship.IsOpen);
    }

    [Fact]
    public void AClinicianCannotSuggestThemself()
    {
        Assert.Equal(CareRelationshipRules.SuggestAnotherColleague,
            RuleOf(() => Enquiry().Decline(_clinician, "Not the right fit.", _clinician, FirstConversation.AddHours(1))));
    }

    [Fact]
    public void APatientInCareIsDischargedOrTransferredNotDeclined()
    {
        Assert.Equal(CareRelationshipRules.DeclineOnlyBeforeCare, RuleOf(() => InCare().Decline(_clinician, "Not the right fit.", null, FirstConversation.AddDays(2))));
    }

    [Fact]
    public void ThePatientCanWithdrawAnEnquiryButNotTheirCare()
    {
        var enquiry = Enquiry();
        enquiry.Withdraw(_patient, FirstConversation);

        Assert.Equal(CareStatus.Withdrawn, enquiry.Status);
        Assert.Equal(CareRelationshipRules.WithdrawOnlyBeforeCare, RuleOf(() => InCare().Withdraw(_patient, FirstConversation.AddDays(2))));
    }

    [Fact]
    public void DischargeNeedsAReasonAndOnlyAPatientInCareIsDischarged()
    {
        var relationship = InCare();

        Assert.Equal(CareRelationshipRules.DischargeNeedsReason, RuleOf(() => relationship.Discharge(_clinician, "", null, FirstConversation.AddDays(90))));
        Assert.Equal(CareRelationshipRules.DischargeOnlyInCare, RuleOf(() => Enquiry().Discharge(_clinician, "Done.", null, FirstConversation.AddDays(1))));
        relationship.Discharge(_clinician, "Recovered; agreed to end after the review.", null, FirstConversation.AddDays(90));

        Assert.Equal(CareStatus.Discharged, relationship.Status);
        Assert.Equal(FirstConversation.AddDays(90), relationship.EndedAt);
    }

    [Fact]
    public void ATransferWaitsForTheColleagueAndThePatientWhileTheFirstClinicianStaysResponsible()
    {
        var from = InCare();

        var to = from.ProposeTransfer(_clinician, _colleague, "Moving to Lagos; Dr Okafor sees patients there.", FirstConversation.AddDays(30));
        var whileHandingOver = (from.Status, to.Status);
        to.AcceptHandover(_colleague, FirstConversation.AddDays(31));
        to.Confirm(_patient, true, FirstConversation.AddDays(32));
        from.CompleteTransfer(to, FirstConversation.AddDays(32));

        Assert.Equal((CareStatus.Accepted, CareStatus.Handover), whileHandingOver);
        Assert.Equal(CareStatus.Transferred, from.Status);
        Assert.Equal(CareStatus.Accepted, to.Status);
        Assert.Equal(from.Id, to.TransferredFromId);
        Assert.Equal(to.Id, from.TransferredToId);
    }

    [Fact]
    public void ATransferNeedsAHandoverNoteAColleagueAndOnlyOneAtATime()
    {
        var from = InCare();

        Assert.Equal(CareRelationshipRules.TransferNeedsHandover, RuleOf(() => from.ProposeTransfer(_clinician, _colleague, " ", FirstConversation.AddDays(30))));
        Assert.Equal(CareRelationshipRules.SuggestAnotherColleague, RuleOf(() => from.ProposeTransfer(_clinician, _clinician, "Note.", FirstConversation.AddDays(30))));
        from.ProposeTransfer(_clinician, _colleague, "Note.", FirstConversation.AddDays(30));
        Assert.Equal(CareRelationshipRules.OneTransferAtATime, RuleOf(() => from.ProposeTransfer(_clinician, Guid.NewGuid(), "Note.", FirstConversation.AddDays(30))));
        Assert.Equal(CareRelationshipRules.OneTransferAtATime, RuleOf(() => from.Discharge(_clinician, "Done.", null, FirstConversation.AddDays(31))));
    }

    [Fact]
    public void ADeclinedHandoverLeavesTheFirstClinicianFreeToTryAgain()
    {
        var from = InCare();
        var to = from.ProposeTransfer(_clinician, _colleague, "Note.", FirstConversation.AddDays(30));

        to.Decline(_colleague, "My list is full until March.", null, FirstConversation.AddDays(31));
        from.TransferFellThrough(to.Id);

        Assert.Equal(CareStatus.Accepted, from.Status);
        Assert.Null(from.TransferredToId);
    }

    [Fact]
    public void CoverIsArrangedForAPatientInCareByAColleagueForAtMostNinetyTwoDays()
    {
        var relationship = InCare();
        var now = FirstConversation.AddDays(10);

        Assert.Equal(CareRelationshipRules.CoverOnlyInCare,
            RuleOf(() => CoverPeriod.Arrange(Enquiry(), _colleague, now, now.AddDays(7), _clinician, now)));
        Assert.Equal(CareRelationshipRules.CoverByAnotherClinician,
            RuleOf(() => CoverPeriod.Arrange(relationship, _clinician, now, now.AddDays(7), _clinician, now)));
        Assert.Equal(CareRelationshipRules.CoverDates, RuleOf(() => CoverPeriod.Arrange(relationship, _colleague, now, now.AddDays(93), _clinician, now)));
        Assert.Equal(CareRelationshipRules.CoverDates, RuleOf(() => CoverPeriod.Arrange(relationship, _colleague, now.AddDays(7), now, _clinician, now)));
        var cover = CoverPeriod.Arrange(relationship, _colleague, now, now.AddDays(14), _clinician, now);

        Assert.True(cover.IsActiveAt(now.AddDays(13)));
        Assert.False(cover.IsActiveAt(now.AddDays(14)));
        cover.Cancel(now.AddDays(1));
        Assert.False(cover.IsActiveAt(now.AddDays(2)));
    }

    [Fact]
    public void NobodySupervisesThemselfAndARotaPeriodIsAtMostAMonth()
    {
        var now = FirstConversation;

        Assert.Equal(CareRelationshipRules.SupervisorIsAnotherClinician, RuleOf(() => SupervisionAssignment.Assign(_clinician, _clinician, Guid.NewGuid(), now)));
        Assert.Equal(CareRelationshipRules.RotaDates, RuleOf(() => ClinicalLeadShift.Plan(_clinician, now, now.AddDays(32), Guid.NewGuid(), now)));
        Assert.Equal(CareRelationshipRules.RotaDates, RuleOf(() => ClinicalLeadShift.Plan(_clinician, now.AddDays(-2), now.AddDays(-1), Guid.NewGuid(), now)));
    }

    [Fact]
    public void APatientCannotBeTheirOwnClinician()
    {
        Assert.Equal(CareRelationshipRules.NotWithOneself, RuleOf(() => CareRelationship.OpenEnquiry(_patient, _patient, FirstConversation, FirstConversation)));
    }
}
