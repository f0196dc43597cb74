using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The treatment contract (docs/clinical/ipt-course.md#treatment-contract): its limits, signing by both, the lock, and amendments as new versions.</summary>
public sealed class TreatmentContractTests
{
    private static (TreatmentCourse Course, Formulation Formulation, TreatmentContract Contract) Drafted(TreatmentContract.Terms? terms = null)
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        return (course, formulation, TreatmentContract.Draft(course, formulation, terms ?? Terms(), Now));
    }

    [Fact]
    public void TheContractsDefaultWordsPromiseTheSameReplyTimeAsTheMessagesPage()
    {
        // "Your therapist usually replies within 1 working day; …": the promise without its opening and its ending.
        var promise = Rapport.Web.Features.Messaging.Pages.MessagesModel.ReplyPromise.Split(';')[0].Replace("Your therapist ", "", StringComparison.Ordinal);

        Assert.Contains(promise, ContractBoundaries.Default.ContactBetweenSessions, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreSixteenWeeklySessionsOfFiftyMinutes()
    {
        var (_, _, contract) = Drafted(TreatmentContract.Terms.Defaults(Today));

        Assert.Equal((16, SessionFrequency.Weekly, 50), (contract.SessionCount, contract.Frequency, contract.DurationMinutes));
        Assert.Equal(1, contract.Version);
    }

    [Fact]
    public void TheEndDateIsTheLastSessionAtTheAgreedFrequency()
    {
        var (_, _, contract) = Drafted(Terms(12) with { Frequency = SessionFrequency.Fortnightly });

        Assert.Equal(Today.AddDays(14 * 11), contract.EndDate);
    }

    [Fact]
    public void WithNothingUsedOrBookedTheLastSessionIsTheEndDateOfTheTerms()
    {
        var (_, _, contract) = Drafted(Terms(16));

        Assert.Equal(contract.EndDate, contract.LastSessionDate(CourseSessionDates.None, TimeZoneInfo.Utc));
    }

    [Fact]
    public void WithTwoSessionsHeldAndTheRestBookedTheLastSessionIsTheLastBooked()
    {
        var (_, _, contract) = Drafted(Terms(16));
        var firstBooked = new DateTimeOffset(Today.AddDays(7).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var booked = Enumerable.Range(0, 14).Select(i => firstBooked.AddDays(7 * i)).Reverse().ToList();

        var last = contract.LastSessionDate(new CourseSessionDates(2, firstBooked.AddDays(-7), booked), TimeZoneInfo.Utc);

        Assert.Equal(Today.AddDays(7 + 7 * 13), last);
        Assert.Equal(contract.EndDate.AddDays(-7), last);
    }

    [Fact]
    public void SessionsNeitherHeldNorBookedFollowTheLastBookedOneAtTheAgreedFrequency()
    {
        var (_, _, contract) = Drafted(Terms(12) with { Frequency = SessionFrequency.Fortnightly });
        var booked = new DateTimeOffset(Today.AddDays(3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

        var last = contract.LastSessionDate(new CourseSessionDates(3, booked.AddDays(-14), [booked]), TimeZoneInfo.Utc);

        // 12 − 3 held − 1 booked = 8 more, every two weeks after the booked one.
        Assert.Equal(Today.AddDays(3 + 14 * 8), last);
    }

    [Fact]
    public void TheFociAndGoalsComeFromTheAgreedFormulationInThePatientsWordsWithoutTheDisputeStage()
    {
        var (_, formulation, contract) = Drafted();

        Assert.Equal(["A conflict with someone important"], contract.Foci);
        Assert.Equal(formulation.Goals, contract.Goals);
        Assert.Equal((formulation.Id, 1), (contract.FormulationId, contract.FormulationRevision));
    }

    [Fact]
    public void AContractNeedsAnAgreedFormulation()
    {
        var course = InInitial();
        var formulation = WrittenFormulation(course);

        Assert.Equal(TreatmentCourseRules.ContractNeedsAgreedFormulation, Refused(() => TreatmentContract.Draft(course, formulation, Terms(), Now)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(24)]
    public void FourToTwentyFourSessionsAreAllowed(int sessions)
    {
        var (_, _, contract) = Drafted(Terms(sessions));

        Assert.Equal(sessions, contract.SessionCount);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(25)]
    public void SessionCountsOutsideFourToTwentyFourAreRefused(int sessions)
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);

        Assert.Equal(TreatmentCourseRules.ContractSessionCount, Refused(() => TreatmentContract.Draft(course, formulation, Terms(sessions), Now)));
    }

    [Theory]
    [InlineData(29)]
    [InlineData(91)]
    public void SessionLengthsOutsideThirtyToNinetyMinutesAreRefused(int minutes)
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);

        Assert.Equal(TreatmentCourseRules.ContractSessionLength, Refused(() => TreatmentContract.Draft(course, formulation, Terms() with { DurationMinutes = minutes }, Now)));
    }

    [Fact]
    public void AStartDateMoreThanAYearAwayIsRefused()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);

        Assert.Equal(TreatmentCourseRules.ContractStartDate, Refused(() => TreatmentContract.Draft(course, formulation, Terms() with { StartDate = Today.AddYears(2) }, Now)));
    }

    [Fact]
    public void EveryPartOfTheContractNeedsItsWords()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        var terms = Terms() with { Boundaries = ContractBoundaries.Default with { Recording = " " } };

        Assert.Equal(TreatmentCourseRules.ContractTextRequired, Refused(() => TreatmentContract.Draft(course, formulation, terms, Now)));
    }

    [Fact]
    public void APartLongerThanTheLimitIsRefused()
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        var terms = Terms() with { Emergency = ContractEmergency.Default with { CrisisContacts = new string('x', TreatmentContract.MaxTextLength + 1) } };

        Assert.Equal(TreatmentCourseRules.ContractTextTooLong, Refused(() => TreatmentContract.Draft(course, formulation, terms, Now)));
    }

    [Fact]
    public void BothSignWithTheirNameIgnoringCaseAndSpacesAndTheTimeIsKept()
    {
        var (course, _, contract) = Drafted();

        contract.Sign(ContractParty.Patient, course.PatientId, "  alex   PATIENT ", "Alex Patient", true, Now.AddMinutes(1));
        contract.Sign(ContractParty.Therapist, course.TherapistId, "dr tess therapist", "Dr Tess Therapist", true, Now.AddMinutes(2));

        Assert.True(contract.IsSignedByBoth);
        Assert.Equal((Now.AddMinutes(1), Now.AddMinutes(2)), (contract.PatientSignedAt!.Value, contract.TherapistSignedAt!.Value));
        Assert.Equal("alex PATIENT", contract.PatientSignedName);
    }

    [Fact]
    public void ASignatureMustBeTheSignersOwnName()
    {
        var (course, _, contract) = Drafted();

        Assert.Equal(TreatmentCourseRules.SignatureMatchesName, Refused(() => contract.Sign(ContractParty.Patient, course.PatientId, "Alex Patiant", "Alex Patient", true, Now)));
        Assert.Null(contract.PatientSignedAt);
    }

    [Fact]
    public void AnEmptySignatureNeverMatchesAnEmptyName()
    {
        var (course, _, contract) = Drafted();

        Assert.Equal(TreatmentCourseRules.SignatureMatchesName, Refused(() => contract.Sign(ContractParty.Patient, course.PatientId, " ", "", true, Now)));
    }

    [Fact]
    public void SigningNeedsTheConfirmationStep()
    {
        var (course, _, contract) = Drafted();

        Assert.Equal(TreatmentCourseRules.SignatureNeedsConfirmation, Refused(() => contract.Sign(ContractParty.Patient, course.PatientId, "Alex", "Alex", false, Now)));
    }

    [Fact]
    public void OnlyThePatientOfTheCourseSignsAsPatient()
    {
        var (course, _, contract) = Drafted();

        Assert.Equal(TreatmentCourseRules.SignerIsAParty, Refused(() => contract.Sign(ContractParty.Patient, course.TherapistId, "Alex", "Alex", true, Now)));
    }

    [Fact]
    public void NobodySignsTheSameVersionTwice()
    {
        var (course, _, contract) = Drafted();
        contract.Sign(ContractParty.Therapist, course.TherapistId, "Tess", "Tess", true, Now);

        Assert.Equal(TreatmentCourseRules.AlreadySigned, Refused(() => contract.Sign(ContractParty.Therapist, course.TherapistId, "Tess", "Tess", true, Now)));
    }

    [Fact]
    public void AContractSignedByBothIsLocked()
    {
        var (_, formulation, contract) = Drafted();
        SignBoth(contract);

        Assert.Equal(TreatmentCourseRules.ContractLockedOnceSigned, Refused(() => contract.Update(formulation, Terms(12), Now)));
        Assert.Equal(16, contract.SessionCount);
    }

    [Fact]
    public void ChangingADraftSignedByOneSideWithdrawsThatSignature()
    {
        var (course, formulation, contract) = Drafted();
        contract.Sign(ContractParty.Patient, course.PatientId, "Alex", "Alex", true, Now);

        contract.Update(formulation, Terms(12), Now.AddMinutes(5));

        Assert.False(contract.IsSignedByAnyone);
        Assert.Equal(12, contract.SessionCount);
    }

    [Fact]
    public void AnAmendmentIsTheNextVersionAndMustBeSignedAgain()
    {
        var (course, formulation, first) = Drafted();
        SignBoth(first);

        var amendment = TreatmentContract.Amend(course, [first], formulation, Terms(20), "  Four more sessions  ", Now.AddDays(30));

        Assert.Equal(2, amendment.Version);
        Assert.Equal("Four more sessions", amendment.AmendmentReason);
        Assert.False(amendment.IsSignedByAnyone);
        Assert.Same(first, TreatmentContract.InForce([first, amendment]));
    }

    [Fact]
    public void ASignedAmendmentIsTheVersionInForce()
    {
        var (course, formulation, first) = Drafted();
        SignBoth(first);
        var amendment = TreatmentContract.Amend(course, [first], formulation, Terms(20), "Four more sessions", Now);

        SignBoth(amendment);

        Assert.Same(amendment, TreatmentContract.InForce([first, amendment]));
    }

    [Fact]
    public void NoVersionIsInForceBeforeBothSign()
    {
        var (_, _, contract) = Drafted();

        Assert.Null(TreatmentContract.InForce([contract]));
    }

    [Fact]
    public void AnUnsignedDraftIsChangedNotAmended()
    {
        var (course, formulation, draft) = Drafted();

        Assert.Equal(TreatmentCourseRules.AmendOnlyASignedContract, Refused(() => TreatmentContract.Amend(course, [draft], formulation, Terms(20), "Reason", Now)));
    }

    [Fact]
    public void OnlyOneAmendmentIsOpenAtATime()
    {
        var (course, formulation, first) = Drafted();
        SignBoth(first);
        var pending = TreatmentContract.Amend(course, [first], formulation, Terms(20), "More", Now);

        Assert.Equal(TreatmentCourseRules.AmendOnlyASignedContract, Refused(() => TreatmentContract.Amend(course, [first, pending], formulation, Terms(18), "Other", Now)));
    }

    [Fact]
    public void AnAmendmentNeedsAReason()
    {
        var (course, formulation, first) = Drafted();
        SignBoth(first);

        Assert.Equal(TreatmentCourseRules.AmendmentNeedsReason, Refused(() => TreatmentContract.Amend(course, [first], formulation, Terms(20), " ", Now)));
    }

    [Fact]
    public void TheDocumentReadsAsPlainSectionsWithTheContingencies()
    {
        var (_, _, contract) = Drafted(Terms() with { Contingencies = ContractContingencies.Default with { LateCancellationsCount = false } });

        var sections = contract.Sections();

        Assert.Equal("Our sessions", sections[0].Heading);
        Assert.Contains("16 sessions of 50 minutes, every week", sections[0].Text, StringComparison.Ordinal);
        Assert.Contains(sections, s => s.Text.Contains("less than 24 hours ahead does not count toward the total", StringComparison.Ordinal));
        Assert.Contains(sections, s => s.Heading == "In an emergency");
    }
}
