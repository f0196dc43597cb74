using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The phases of an IPT course as a state machine (docs/clinical/ipt-course.md#phases): every transition allowed, and every refusal by its rule.</summary>
public sealed class TreatmentCourseTests
{
    [Fact]
    public void ANewCourseStartsInAssessmentWithNoSessionNumber()
    {
        var patient = Guid.NewGuid();
        var therapist = Guid.NewGuid();

        var course = TreatmentCourse.Open(patient, therapist, Now);

        Assert.Equal(CoursePhase.Assessment, course.Phase);
        Assert.Equal((patient, therapist), (course.PatientId, course.TherapistId));
        Assert.Null(course.SessionNumber);
        Assert.Null(course.RemainingSessions);
        Assert.Null(course.WeeksLeft);
        Assert.False(course.IsEnded);
    }

    [Fact]
    public void AssessmentMovesToTheInitialPhaseWhereSessionOneIsNext()
    {
        var course = InAssessment();

        course.BeginInitialPhase(Now.AddDays(1));

        Assert.Equal(CoursePhase.Initial, course.Phase);
        Assert.Equal(1, course.SessionNumber);
        Assert.Equal(Now.AddDays(1), course.PhaseSince);
    }

    [Fact]
    public void TheInitialPhaseCannotBeginTwice()
    {
        var course = InInitial();

        Assert.Equal(TreatmentCourseRules.InitialOnlyFromAssessment, Refused(() => course.BeginInitialPhase(Now)));
    }

    [Fact]
    public void TheMiddlePhaseBeginsWithAnAgreedFormulationAndAContractSignedByBoth()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        course.AdoptContract(SignedContract(course, formulation), Now);

        course.BeginMiddlePhase(formulation, Now);

        Assert.Equal(CoursePhase.Middle, course.Phase);
        Assert.Equal(formulation.Id, course.AgreedFormulationId);
    }

    [Fact]
    public void TheMiddlePhaseCannotBeginFromAssessment()
    {
        var course = InAssessment();
        var formulation = AgreedFormulation(course);

        Assert.Equal(TreatmentCourseRules.MiddleOnlyFromInitial, Refused(() => course.BeginMiddlePhase(formulation, Now)));
    }

    [Fact]
    public void TheMiddlePhaseNeedsThePatientsAgreementToTheFormulation()
    {
        var course = InInitial();
        var formulation = WrittenFormulation(course);

        Assert.Equal(TreatmentCourseRules.MiddleNeedsAgreedFormulation, Refused(() => course.BeginMiddlePhase(formulation, Now)));
        Assert.Equal(CoursePhase.Initial, course.Phase);
    }

    [Fact]
    public void TheMiddlePhaseNeedsAgreementAgainAfterTheFormulationChanged()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        course.AdoptContract(SignedContract(course, formulation), Now);

        formulation.Revise(RoleDispute() with { Goals = ["A new goal"] }, null, course.TherapistId, Now);

        Assert.Equal(TreatmentCourseRules.MiddleNeedsAgreedFormulation, Refused(() => course.BeginMiddlePhase(formulation, Now)));
    }

    [Fact]
    public void TheMiddlePhaseNeedsASignedContract()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        TreatmentContract.Draft(course, formulation, Terms(), Now);

        Assert.Equal(TreatmentCourseRules.MiddleNeedsSignedContract, Refused(() => course.BeginMiddlePhase(formulation, Now)));
    }

    [Fact]
    public void TheMiddlePhaseRefusesAnotherCoursesFormulation()
    {
        var course = InInitial();
        var other = InInitial();

        Assert.Throws<ArgumentException>(() => course.BeginMiddlePhase(AgreedFormulation(other), Now));
    }

    [Fact]
    public void TerminationBeginsWhenFourContractedSessionsRemain()
    {
        var course = InMiddle(sessions: 16, held: 12);

        course.BeginTermination(Now);

        Assert.Equal(CoursePhase.Termination, course.Phase);
        Assert.Equal(4, course.RemainingSessions);
    }

    [Fact]
    public void TerminationIsRefusedWhileFiveContractedSessionsRemain()
    {
        var course = InMiddle(sessions: 16, held: 11);

        Assert.Equal(TreatmentCourseRules.TerminationWithinEndingWindow, Refused(() => course.BeginTermination(Now)));
        Assert.Equal(CoursePhase.Middle, course.Phase);
    }

    [Fact]
    public void TerminationCannotBeginFromTheInitialPhase()
    {
        var course = InInitial();

        Assert.Equal(TreatmentCourseRules.TerminationOnlyFromMiddle, Refused(() => course.BeginTermination(Now)));
    }

    [Fact]
    public void MaintenanceBeginsAfterACompletedReviewThatChoseIt()
    {
        var course = InTermination();
        var review = CompletedReview(course);
        var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now);

        course.BeginMaintenance(review, plan, Now);

        Assert.Equal(CoursePhase.Maintenance, course.Phase);
        Assert.Equal((review.Id, plan.Id), (course.TerminationReviewId, course.MaintenancePlanId));
    }

    [Fact]
    public void MaintenanceNeedsTheTerminationReviewCompleted()
    {
        var course = InTermination();
        var completed = CompletedReview(course);
        var plan = MaintenancePlan.Create(course, completed, MaintenanceFrequency.Monthly, 12, Today, Now);
        var unfinished = TerminationReview.Start(course, Now);

        Assert.Equal(TreatmentCourseRules.MaintenanceNeedsTerminationReview, Refused(() => course.BeginMaintenance(unfinished, plan, Now)));
    }

    [Fact]
    public void MaintenanceCannotBeginFromTheMiddlePhase()
    {
        var course = InTermination();
        var review = CompletedReview(course);
        var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now);
        var middle = InMiddle();

        Assert.Equal(TreatmentCourseRules.MaintenanceOnlyFromTermination, Refused(() => middle.BeginMaintenance(review, plan, Now)));
    }

    [Fact]
    public void ACourseClosesAfterTerminationWithACompletedReview()
    {
        var course = InTermination();
        var review = CompletedReview(course, MaintenanceDecision.NoMaintenance);

        course.Close(review, Now.AddDays(1));

        Assert.Equal(CoursePhase.Closed, course.Phase);
        Assert.Equal(Now.AddDays(1), course.EndedAt);
        Assert.True(course.IsEnded);
    }

    [Fact]
    public void ACourseInMaintenanceCloses()
    {
        var course = InMaintenance();

        course.Close(null, Now.AddMonths(12));

        Assert.Equal(CoursePhase.Closed, course.Phase);
    }

    [Fact]
    public void ClosingIsRefusedWithoutACompletedTerminationReview()
    {
        var course = InTermination();
        var review = TerminationReview.Start(course, Now);

        Assert.Equal(TreatmentCourseRules.CloseNeedsTerminationReview, Refused(() => course.Close(review, Now)));
    }

    [Fact]
    public void ClosingIsRefusedWithNoTerminationReviewAtAll()
    {
        var course = InTermination();

        Assert.Equal(TreatmentCourseRules.CloseNeedsTerminationReview, Refused(() => course.Close(null, Now)));
    }

    [Fact]
    public void ClosingIsRefusedInTheMiddlePhase()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.CloseOnlyAfterTermination, Refused(() => course.Close(null, Now)));
    }

    public static TheoryData<CoursePhase> OpenPhases => [CoursePhase.Assessment, CoursePhase.Initial, CoursePhase.Middle, CoursePhase.Termination, CoursePhase.Maintenance];

    private static TreatmentCourse In(CoursePhase phase) => phase switch
    {
        CoursePhase.Assessment => InAssessment(),
        CoursePhase.Initial => InInitial(),
        CoursePhase.Middle => InMiddle(),
        CoursePhase.Termination => InTermination(),
        CoursePhase.Maintenance => InMaintenance(),
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };

    [Theory]
    [MemberData(nameof(OpenPhases))]
    public void EveryOpenPhaseCanEndEarlyWithAReason(CoursePhase phase)
    {
        var course = In(phase);

        course.EndEarly("  Moving abroad  ", Now.AddDays(3));

        Assert.Equal(CoursePhase.EndedEarly, course.Phase);
        Assert.Equal("Moving abroad", course.EndReason);
        Assert.Equal(Now.AddDays(3), course.EndedAt);
    }

    [Fact]
    public void EndingEarlyNeedsAReason()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.EndingNeedsReason, Refused(() => course.EndEarly("   ", Now)));
        Assert.Equal(CoursePhase.Middle, course.Phase);
    }

    [Theory]
    [MemberData(nameof(OpenPhases))]
    public void EveryOpenPhaseCanBeTransferredToAnotherTherapist(CoursePhase phase)
    {
        var course = In(phase);
        var colleague = Guid.NewGuid();

        course.Transfer(colleague, "Therapist on long leave", Now);

        Assert.Equal(CoursePhase.Transferred, course.Phase);
        Assert.Equal(colleague, course.TransferredToTherapistId);
        Assert.Equal("Therapist on long leave", course.EndReason);
    }

    [Fact]
    public void ATransferNeedsAnotherTherapist()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.TransferToAnotherTherapist, Refused(() => course.Transfer(course.TherapistId, "Leave", Now)));
    }

    [Fact]
    public void ATransferNeedsAReason()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.EndingNeedsReason, Refused(() => course.Transfer(Guid.NewGuid(), "", Now)));
    }

    [Fact]
    public void TheNextCourseAfterATransferNamesThePreviousOne()
    {
        var course = InMiddle();
        var colleague = Guid.NewGuid();
        course.Transfer(colleague, "Leave", Now);

        var next = TreatmentCourse.Open(course.PatientId, colleague, Now, previousCourseId: course.Id);

        Assert.Equal(course.Id, next.PreviousCourseId);
    }

    [Fact]
    public void AClosedCourseRefusesEveryChange()
    {
        var course = Closed();

        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => course.RecordSessionHeld(Guid.NewGuid(), Now, Now)));
        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => course.EndEarly("Reason", Now)));
    }

    [Fact]
    public void ACourseEndedEarlyCannotBeReopened()
    {
        var course = InInitial();
        course.EndEarly("IPT does not fit", Now);

        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => course.BeginInitialPhase(Now)));
    }

    [Fact]
    public void ATransferredCourseCannotBeTransferredAgain()
    {
        var course = InMiddle();
        course.Transfer(Guid.NewGuid(), "Leave", Now);

        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => course.Transfer(Guid.NewGuid(), "Again", Now)));
    }

    [Fact]
    public void EveryPhaseChangeIsKeptInTheHistory()
    {
        var course = InMaintenance();
        course.Close(null, Now);

        Assert.Equal(
            [CoursePhase.Initial, CoursePhase.Middle, CoursePhase.Termination, CoursePhase.Maintenance, CoursePhase.Closed],
            course.History.Select(h => h.To));
        Assert.Equal(CoursePhase.Assessment, course.History[0].From);
    }
}
