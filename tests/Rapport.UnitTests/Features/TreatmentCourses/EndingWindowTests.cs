using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The ending scaled to the contract, the warning about short contracts, and what the fidelity checklist makes of a short middle phase (TreatmentCourses readme, rules 5 and 5a).</summary>
public sealed class EndingWindowTests
{
    [Theory]
    [InlineData(4, 2)]
    [InlineData(8, 2)]
    [InlineData(9, 2)]
    [InlineData(10, 3)]
    [InlineData(11, 3)]
    [InlineData(12, 3)]
    [InlineData(15, 3)]
    [InlineData(16, 4)]
    [InlineData(24, 4)]
    public void TheEndingTakesTwoToThreeSessionsBelowTwelveAndThreeToFourFromTwelve(int sessions, int ending)
    {
        Assert.Equal(ending, TreatmentCourse.TerminationWindowFor(sessions));
    }

    [Fact]
    public void AnEightSessionContractEndsInItsLastTwoSessions()
    {
        var course = InMiddle(sessions: 8, held: 5);

        Assert.False(course.ShouldPromptTermination);
        Assert.Equal(TreatmentCourseRules.TerminationWithinEndingWindow, Refused(() => course.BeginTermination(Now)));

        Hold(course, 1);
        Assert.True(course.ShouldPromptTermination);
        course.BeginTermination(Now);
        Assert.Equal((CoursePhase.Termination, 2), (course.Phase, course.RemainingSessions));
    }

    [Fact]
    public void ATwelveSessionContractEndsInItsLastThreeSessions()
    {
        var course = InMiddle(sessions: 12, held: 8);

        Assert.Equal(TreatmentCourseRules.TerminationWithinEndingWindow, Refused(() => course.BeginTermination(Now)));

        Hold(course, 1);
        course.BeginTermination(Now);
        Assert.Equal(3, course.RemainingSessions);
    }

    [Fact]
    public void ASevenSessionContractIsWarnedAboutForItsLength()
    {
        var check = ContractLengthCheck.For(7, initialSessions: 2);

        Assert.True(check.TooFewSessions);
        Assert.Contains("7 sessions is fewer than the 8", string.Join(" ", check.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ATenSessionContractAfterThreeInitialSessionsIsWarnedAboutItsShortMiddlePhase()
    {
        var check = ContractLengthCheck.For(10, initialSessions: 3);

        Assert.Equal((3, 4, 3), (check.Initial, check.Middle, check.Ending));
        Assert.False(check.TooFewSessions);
        Assert.True(check.MiddleUnderHalf);
        Assert.Contains("Only 4 of the 10 sessions fall in the middle phase", Assert.Single(check.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ASixteenSessionContractIsNotWarnedAbout()
    {
        var check = ContractLengthCheck.For(16, initialSessions: 3);

        Assert.False(check.IsShort);
        Assert.Empty(check.Warnings);
    }

    [Fact]
    public void TheReasonForAShortContractIsSavedWithItsVersion()
    {
        var course = InInitial();
        var contract = TreatmentContract.Draft(course, AgreedFormulation(course),
            Terms(7) with { LengthReason = "  Leaving the country in two months; agreed a brief course.  " }, Now);

        Assert.Equal("Leaving the country in two months; agreed a brief course.", contract.LengthReason);
    }

    [Fact]
    public void AnOverLongReasonForTheLengthIsRefused()
    {
        var course = InInitial();

        Assert.Equal(TreatmentCourseRules.ContractTextTooLong, Refused(() => TreatmentContract.Draft(course, AgreedFormulation(course),
            Terms(7) with { LengthReason = new string('x', TreatmentContract.MaxReasonLength + 1) }, Now)));
    }

    [Fact]
    public void TheFidelityFormSuggestsOnlyPartlyForTheEndingAfterAShortMiddlePhase()
    {
        var course = InMiddle(sessions: 7, held: 2);
        Hold(course, 3);
        course.BeginTermination(Now);

        var file = File(course, CompletedReview(course));

        Assert.True(course.MiddlePhaseWasShort);
        Assert.Equal(1, FidelityChecklist.Suggest(file)[FidelityItem.FeelingsAboutEndingDiscussed]);
        Assert.Contains("The middle phase had 3 of 7 contracted sessions",
            FidelityChecklist.Questions(file).Single(q => q.Item == FidelityItem.FeelingsAboutEndingDiscussed).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFidelityFormSuggestsTheEndingFullyDoneAfterAFullMiddlePhase()
    {
        var course = InMiddle(sessions: 16, held: 3);
        Hold(course, 9);
        course.BeginTermination(Now);

        Assert.False(course.MiddlePhaseWasShort);
        Assert.Equal(2, FidelityChecklist.Suggest(File(course, CompletedReview(course)))[FidelityItem.FeelingsAboutEndingDiscussed]);
    }

    private static CourseFile File(TreatmentCourse course, TerminationReview review) =>
        new(course, Person(course.PatientId), Person(course.TherapistId), null, null, [], [], [], review, null, []);

    private static PeopleNames.Person Person(Guid id) =>
        new() { Id = id, DisplayName = "Someone", TimeZoneId = "UTC", CountryCode = "GB", PreferredLanguage = "en" };
}
