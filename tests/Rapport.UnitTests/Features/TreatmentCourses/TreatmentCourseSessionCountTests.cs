using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>"Session k of N", weeks left and the termination prompt, counted by the course under the contract's contingencies (docs/clinical/ipt-course.md#treatment-contract).</summary>
public sealed class TreatmentCourseSessionCountTests
{
    private static TreatmentCourse WithContract(int sessions, TreatmentContract.Terms? terms = null)
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        var contract = TreatmentContract.Draft(course, formulation, terms ?? Terms(sessions), Now);
        SignBoth(contract);
        course.AdoptContract(contract, Now);
        return course;
    }

    private static TreatmentContract.Terms MissesCount(bool noShows, bool lateCancellations) =>
        Terms() with { Contingencies = ContractContingencies.Default with { NoShowsCount = noShows, LateCancellationsCount = lateCancellations } };

    [Fact]
    public void ThreeHeldSessionsOfSixteenMakeTheNextOneSessionFourWithThirteenWeeksLeft()
    {
        var course = WithContract(16);

        Hold(course, 3);

        Assert.Equal((4, 16, 13, 13), (course.SessionNumber!.Value, course.ContractedSessions!.Value, course.RemainingSessions!.Value, course.WeeksLeft!.Value));
        Assert.Equal(Today.AddDays(7 * 15), course.PlannedEndDate);
    }

    [Fact]
    public void FortnightlySessionsLeaveTwiceTheWeeks()
    {
        var course = WithContract(8, Terms(8) with { Frequency = SessionFrequency.Fortnightly });

        Hold(course, 2);

        Assert.Equal(12, course.WeeksLeft);
    }

    [Fact]
    public void HeldSessionsAreNumberedInOrder()
    {
        var course = WithContract(16);

        Hold(course, 2);

        Assert.Equal([1, 2], course.Sessions.Select(s => s.Number!.Value));
        Assert.Equal(2, course.SessionsHeld);
    }

    [Fact]
    public void ANoShowUsesASessionWhenTheContractSaysSo()
    {
        var course = WithContract(16, MissesCount(noShows: true, lateCancellations: false));

        var missed = course.RecordSessionMissed(Guid.NewGuid(), Now, SessionOutcome.NoShow, Now);

        Assert.True(missed.CountsTowardContract);
        Assert.Equal(15, course.RemainingSessions);
        Assert.Equal(0, course.SessionsHeld);
    }

    [Fact]
    public void ANoShowDoesNotUseASessionWhenTheContractSaysNot()
    {
        var course = WithContract(16, MissesCount(noShows: false, lateCancellations: true));

        var missed = course.RecordSessionMissed(Guid.NewGuid(), Now, SessionOutcome.NoShow, Now);

        Assert.False(missed.CountsTowardContract);
        Assert.Null(missed.Number);
        Assert.Equal(16, course.RemainingSessions);
    }

    [Fact]
    public void ALateCancellationUsesASessionWhenTheContractSaysSo()
    {
        var course = WithContract(16, MissesCount(noShows: false, lateCancellations: true));

        course.RecordSessionMissed(Guid.NewGuid(), Now, SessionOutcome.LateCancelled, Now);

        Assert.Equal(15, course.RemainingSessions);
    }

    [Fact]
    public void ALateCancellationDoesNotUseASessionWhenTheContractSaysNot()
    {
        var course = WithContract(16, MissesCount(noShows: true, lateCancellations: false));

        course.RecordSessionMissed(Guid.NewGuid(), Now, SessionOutcome.LateCancelled, Now);

        Assert.Equal(16, course.RemainingSessions);
    }

    [Fact]
    public void AMissBeforeAnyContractNeverUsesASession()
    {
        var course = InInitial();
        Hold(course, 1);

        course.RecordSessionMissed(Guid.NewGuid(), Now, SessionOutcome.NoShow, Now);

        Assert.Equal(1, course.SessionsUsed);
        Assert.Equal(2, course.SessionNumber);
    }

    [Fact]
    public void AHeldSessionCannotBeRecordedAsMissed()
    {
        var course = InInitial();

        Assert.Throws<ArgumentException>(() => course.RecordSessionMissed(Guid.NewGuid(), Now, SessionOutcome.Held, Now));
    }

    [Fact]
    public void TheAssessmentIsNotSessionOne()
    {
        var course = InAssessment();

        Assert.Equal(TreatmentCourseRules.SessionsStartWithInitialPhase, Refused(() => course.RecordSessionHeld(Guid.NewGuid(), Now, Now)));
    }

    [Fact]
    public void AnAppointmentIsCountedOnlyOnce()
    {
        var course = InInitial();
        var appointment = Guid.NewGuid();
        course.RecordSessionHeld(appointment, Now, Now);

        Assert.Equal(TreatmentCourseRules.SessionRecordedOnce, Refused(() => course.RecordSessionHeld(appointment, Now, Now)));
        Assert.Single(course.Sessions);
    }

    [Fact]
    public void NoSessionIsCountedBeyondTheContract()
    {
        var course = InTermination(sessions: 8);
        Hold(course, course.RemainingSessions!.Value);

        Assert.Equal(TreatmentCourseRules.NoSessionsBeyondContract, Refused(() => course.RecordSessionHeld(Guid.NewGuid(), Now, Now)));
    }

    [Fact]
    public void AfterTheLastSessionTheNumberStaysAtN()
    {
        var course = InTermination(sessions: 8);

        Hold(course, course.RemainingSessions!.Value);

        Assert.Equal((8, 0, 0), (course.SessionNumber!.Value, course.RemainingSessions!.Value, course.WeeksLeft!.Value));
    }

    [Fact]
    public void MaintenanceSessionsAreCountedApartFromTheAcuteCourse()
    {
        var course = InMaintenance();

        var session = course.RecordSessionHeld(Guid.NewGuid(), Now.AddMonths(1), Now);

        Assert.False(session.CountsTowardContract);
        Assert.Equal(CoursePhase.Maintenance, session.Phase);
        Assert.Equal(1, course.MaintenanceSessionsHeld);
        Assert.Equal(12, course.SessionsHeld);
    }

    [Fact]
    public void TheTerminationPromptAppearsWhenFourSessionsRemain()
    {
        var course = InMiddle(sessions: 16, held: 12);

        Assert.True(course.ShouldPromptTermination);
    }

    [Fact]
    public void ThereIsNoTerminationPromptWhileFiveSessionsRemain()
    {
        var course = InMiddle(sessions: 16, held: 11);

        Assert.False(course.ShouldPromptTermination);
    }

    [Fact]
    public void TheTerminationPromptStopsOnceTerminationHasBegun()
    {
        var course = InTermination();

        Assert.False(course.ShouldPromptTermination);
    }

    [Fact]
    public void AnInitialPhasePastThreeSessionsIsFlaggedButNotBlocked()
    {
        var course = InInitial();
        Hold(course, 3);
        var flaggedAtThree = course.InitialPhaseRunningLong;

        Hold(course, 1);

        Assert.False(flaggedAtThree);
        Assert.True(course.InitialPhaseRunningLong);
    }

    [Fact]
    public void ASignedAmendmentChangesTheCount()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        var first = SignedContract(course, formulation, 12);
        course.AdoptContract(first, Now);
        Hold(course, 3);

        var amendment = TreatmentContract.Amend(course, [first], formulation, Terms(16), "Four more sessions after a bereavement", Now);
        SignBoth(amendment);
        course.AdoptContract(amendment, Now);

        Assert.Equal((2, 16, 13), (course.ContractVersionInForce!.Value, course.ContractedSessions!.Value, course.RemainingSessions!.Value));
    }

    [Fact]
    public void AContractSignedByOnlyOneSideIsNotAdopted()
    {
        var course = InInitial();
        var contract = TreatmentContract.Draft(course, AgreedFormulation(course), Terms(), Now);
        contract.Sign(ContractParty.Patient, course.PatientId, "Alex", "Alex", true, Now);

        Assert.Equal(TreatmentCourseRules.ContractMustBeSignedByBoth, Refused(() => course.AdoptContract(contract, Now)));
        Assert.Null(course.ContractInForceId);
    }

    [Fact]
    public void AnOlderContractVersionCannotReplaceANewerOne()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        var first = SignedContract(course, formulation);
        course.AdoptContract(first, Now);
        var amendment = TreatmentContract.Amend(course, [first], formulation, Terms(20), "More sessions", Now);
        SignBoth(amendment);
        course.AdoptContract(amendment, Now);

        Assert.Equal(TreatmentCourseRules.ContractVersionMovesForward, Refused(() => course.AdoptContract(first, Now)));
    }

    [Fact]
    public void AnAmendmentCannotHaveFewerSessionsThanAlreadyUsed()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        var first = SignedContract(course, formulation, 16);
        course.AdoptContract(first, Now);
        Hold(course, 6);
        var shorter = TreatmentContract.Amend(course, [first], formulation, Terms(5), "Ending sooner", Now);
        SignBoth(shorter);

        Assert.Equal(TreatmentCourseRules.ContractNotBelowSessionsUsed, Refused(() => course.AdoptContract(shorter, Now)));
        Assert.Equal(16, course.ContractedSessions);
    }
}
