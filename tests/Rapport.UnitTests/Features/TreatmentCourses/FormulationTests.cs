using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The formulation (docs/clinical/ipt-course.md#problem-areas and #formulation): one problem area, two at most, and the patient's explicit agreement.</summary>
public sealed class FormulationTests
{
    private static Formulation.Details With(params ProblemFocus[] foci) => RoleDispute() with { Foci = foci };

    [Fact]
    public void ARoleDisputeWithItsStageIsWrittenAsTheFirstRevision()
    {
        var course = InInitial();

        var formulation = WrittenFormulation(course);

        Assert.Equal((ProblemArea.RoleDispute, DisputeStage.Impasse), (formulation.PrimaryArea, formulation.PrimaryStage!.Value));
        Assert.Null(formulation.SecondaryArea);
        Assert.Equal(1, formulation.Revision);
        Assert.False(formulation.IsAgreed);
        Assert.Equal(2, formulation.Goals.Count);
    }

    [Fact]
    public void ASecondaryAreaDifferentFromThePrimaryIsAllowed()
    {
        var formulation = WrittenFormulation(InInitial(), With(new(ProblemArea.RoleDispute, DisputeStage.Renegotiation), new(ProblemArea.RoleTransition)));

        Assert.Equal(ProblemArea.RoleTransition, formulation.SecondaryArea);
        Assert.Equal(2, formulation.Foci.Count);
    }

    [Fact]
    public void AFormulationNeedsAProblemArea()
    {
        Assert.Equal(TreatmentCourseRules.FormulationNeedsPrimaryArea, Refused(() => WrittenFormulation(InInitial(), With())));
    }

    [Fact]
    public void AThirdProblemAreaIsRefused()
    {
        var details = With(new(ProblemArea.Grief), new(ProblemArea.RoleTransition), new(ProblemArea.RoleDispute, DisputeStage.Impasse));

        Assert.Equal(TreatmentCourseRules.AtMostTwoProblemAreas, Refused(() => WrittenFormulation(InInitial(), details)));
    }

    [Fact]
    public void TheSecondaryAreaCannotRepeatThePrimary()
    {
        var details = With(new(ProblemArea.Grief), new(ProblemArea.Grief));

        Assert.Equal(TreatmentCourseRules.SecondaryDiffersFromPrimary, Refused(() => WrittenFormulation(InInitial(), details)));
    }

    [Fact]
    public void ARoleDisputeNeedsItsStage()
    {
        Assert.Equal(TreatmentCourseRules.RoleDisputeNeedsStage, Refused(() => WrittenFormulation(InInitial(), With(new ProblemFocus(ProblemArea.RoleDispute)))));
    }

    [Fact]
    public void AStageIsOnlyForARoleDispute()
    {
        Assert.Equal(TreatmentCourseRules.StageOnlyForRoleDispute, Refused(() => WrittenFormulation(InInitial(), With(new ProblemFocus(ProblemArea.Grief, DisputeStage.Impasse)))));
    }

    [Fact]
    public void InterpersonalDeficitsCannotBePairedWithAnotherArea()
    {
        var details = With(new(ProblemArea.RoleTransition), new(ProblemArea.InterpersonalDeficits));

        Assert.Equal(TreatmentCourseRules.DeficitsOnlyWhenNoOtherAreaFits, Refused(() => WrittenFormulation(InInitial(), details)));
    }

    [Fact]
    public void InterpersonalDeficitsAloneNeedNoTriggerEvent()
    {
        var formulation = WrittenFormulation(InInitial(), With(new ProblemFocus(ProblemArea.InterpersonalDeficits)) with { TriggerEvent = null, TriggerDate = null });

        Assert.Null(formulation.TriggerEvent);
    }

    [Fact]
    public void OtherAreasNeedATriggerEvent()
    {
        Assert.Equal(TreatmentCourseRules.FormulationNeedsTrigger, Refused(() => WrittenFormulation(InInitial(), RoleDispute() with { TriggerEvent = "  " })));
    }

    [Fact]
    public void TheTriggerCannotBeInTheFuture()
    {
        Assert.Equal(TreatmentCourseRules.TriggerDateNotInFuture, Refused(() => WrittenFormulation(InInitial(), RoleDispute() with { TriggerDate = Today.AddDays(1) })));
    }

    [Fact]
    public void AFormulationNeedsAGoal()
    {
        Assert.Equal(TreatmentCourseRules.FormulationNeedsGoals, Refused(() => WrittenFormulation(InInitial(), RoleDispute() with { Goals = [" ", ""] })));
    }

    [Fact]
    public void AGoalLongerThanTheLimitIsRefused()
    {
        Assert.Equal(TreatmentCourseRules.FormulationTextTooLong,
            Refused(() => WrittenFormulation(InInitial(), RoleDispute() with { Goals = [new string('g', Formulation.MaxGoalLength + 1)] })));
    }

    [Fact]
    public void ThePeopleInvolvedComeFromTheInventory()
    {
        var course = InInitial();
        var inventory = InterpersonalInventory.Start(course, Now);
        var sam = inventory.AddPerson(InventoryPerson.Details.Minimal("Sam", "Partner", 1), InventoryEditor.Therapist, Now);

        var formulation = Formulation.Write(course, RoleDispute([sam.Id, sam.Id]), inventory, course.TherapistId, Now);

        Assert.Equal([sam.Id], formulation.LinkedPersonIds);
    }

    [Fact]
    public void APersonNotInTheInventoryIsRefused()
    {
        var course = InInitial();
        var inventory = InterpersonalInventory.Start(course, Now);

        Assert.Equal(TreatmentCourseRules.LinkedPeopleFromInventory,
            Refused(() => Formulation.Write(course, RoleDispute([Guid.NewGuid()]), inventory, course.TherapistId, Now)));
    }

    [Fact]
    public void ThePatientsAgreementInThePortalIsRecordedWithItsTime()
    {
        var course = InInitial();
        var formulation = WrittenFormulation(course);

        formulation.RecordAgreement(AgreementChannel.Portal, course.PatientId, Now.AddHours(5));

        Assert.True(formulation.IsAgreed);
        Assert.Equal((Now.AddHours(5), AgreementChannel.Portal, course.PatientId), (formulation.AgreedAt!.Value, formulation.AgreedVia!.Value, formulation.AgreementRecordedById!.Value));
        Assert.Equal(1, formulation.LastAgreedRevision);
    }

    [Fact]
    public void AgreementNeedsTheWordingForThePatient()
    {
        var formulation = WrittenFormulation(InInitial(), RoleDispute() with { WordingForPatient = null });

        Assert.Equal(TreatmentCourseRules.FormulationNeedsWording, Refused(() => formulation.RecordAgreement(AgreementChannel.InSession, Guid.NewGuid(), Now)));
    }

    [Fact]
    public void AnAgreedFormulationIsNotAgreedTwice()
    {
        var formulation = AgreedFormulation(InInitial());

        Assert.Equal(TreatmentCourseRules.FormulationAlreadyAgreed, Refused(() => formulation.RecordAgreement(AgreementChannel.Portal, Guid.NewGuid(), Now)));
    }

    [Fact]
    public void ChangingAnAgreedFormulationNeedsAgreementAgain()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);

        formulation.Revise(RoleDispute() with { Foci = [new(ProblemArea.RoleDispute, DisputeStage.Renegotiation)] }, null, course.TherapistId, Now.AddDays(7));

        Assert.False(formulation.IsAgreed);
        Assert.Equal(2, formulation.Revision);
        Assert.Equal(1, formulation.LastAgreedRevision);
        Assert.Equal(DisputeStage.Renegotiation, formulation.PrimaryStage);
    }

    [Fact]
    public void AClosedCourseGetsNoNewFormulation()
    {
        var course = Closed();

        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => WrittenFormulation(course)));
    }

    [Theory]
    [InlineData(ProblemArea.Grief)]
    [InlineData(ProblemArea.RoleDispute)]
    [InlineData(ProblemArea.RoleTransition)]
    [InlineData(ProblemArea.InterpersonalDeficits)]
    public void EveryProblemAreaHasAGuideWithGoalsAndStrategies(ProblemArea area)
    {
        var guide = ProblemAreaGuide.For(area);

        Assert.Equal(area, guide.Area);
        Assert.NotEmpty(guide.Goals);
        Assert.NotEmpty(guide.Strategies);
        Assert.False(string.IsNullOrWhiteSpace(guide.PlainName));
    }

    [Fact]
    public void EachDisputeStageHasItsStrategy()
    {
        Assert.All(Enum.GetValues<DisputeStage>(), s => Assert.StartsWith(s.ToString(), ProblemAreaGuide.ForStage(s), StringComparison.Ordinal));
    }
}
