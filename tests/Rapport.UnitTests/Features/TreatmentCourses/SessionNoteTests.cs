using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>Session notes (docs/clinical/ipt-course.md#middle-phase-session-flow and #techniques): shaped by phase, drafts until signed, then locked with appended amendments.</summary>
public sealed class SessionNoteTests
{
    private static SessionNote.Content Content => new("Low at the weekend, better midweek", "Row with Sam on Saturday about the bills",
        "Looked at what each expects about money", null, [Technique.Clarification, Technique.Clarification, Technique.DecisionAnalysis],
        null, "Ask Sam for twenty minutes on Sunday to talk about the budget");

    /// <summary>The session these notes record began before they are signed.</summary>
    private static readonly DateTimeOffset SessionStart = Now.AddMinutes(-50);

    private static SessionNote Started(TreatmentCourse course) => SessionNote.Start(course, Guid.NewGuid(), course.TherapistId, Now);

    [Fact]
    public void ANoteCarriesThePhaseAndTheSessionNumber()
    {
        var course = InMiddle(sessions: 16, held: 5);

        var note = Started(course);

        Assert.Equal((CoursePhase.Middle, 6, 10), (note.Phase, note.SessionNumber!.Value, note.SessionsRemaining!.Value));
        Assert.False(note.IsSigned);
    }

    [Fact]
    public void OnlyTheCoursesTherapistStartsANote()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.NotesByTheCourseTherapist, Refused(() => SessionNote.Start(course, Guid.NewGuid(), Guid.NewGuid(), Now)));
    }

    [Fact]
    public void AnotherTherapistCannotEditANote()
    {
        var note = Started(InMiddle());

        Assert.Equal(TreatmentCourseRules.NotesByTheCourseTherapist, Refused(() => note.Edit(Content, Guid.NewGuid(), Now)));
    }

    [Fact]
    public void TheAssessmentHasNoSessionNote()
    {
        var course = InAssessment();

        Assert.Equal(TreatmentCourseRules.NotesOnlyForTreatmentSessions, Refused(() => Started(course)));
    }

    [Fact]
    public void AClosedCourseGetsNoNewNote()
    {
        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => Started(Closed())));
    }

    [Fact]
    public void TechniquesAreTaggedOnceEach()
    {
        var course = InMiddle();
        var note = Started(course);

        note.Edit(Content, course.TherapistId, Now);

        Assert.Equal([Technique.Clarification, Technique.DecisionAnalysis], note.Techniques);
        Assert.Equal("Ask Sam for twenty minutes on Sunday to talk about the budget", note.BetweenSessionTask);
    }

    [Fact]
    public void ACommunicationAnalysisTagsItsTechnique()
    {
        var course = InMiddle();
        var note = Started(course);

        note.Edit(Content with { CommunicationAnalysis = new("You never listen", "I feel alone with the bills", "Angry, then ashamed", "Ask for a time to talk") },
            course.TherapistId, Now);

        Assert.Contains(Technique.CommunicationAnalysis, note.Techniques);
        Assert.Equal("I feel alone with the bills", note.CommunicationAnalysis!.WhatWasMeant);
    }

    [Fact]
    public void ACommunicationAnalysisStartsFromWhatWasSaid()
    {
        var course = InMiddle();
        var note = Started(course);

        Assert.Equal(TreatmentCourseRules.CommunicationAnalysisNeedsWhatWasSaid,
            Refused(() => note.Edit(Content with { CommunicationAnalysis = new(" ", "Meant", null, null) }, course.TherapistId, Now)));
    }

    [Fact]
    public void APartLongerThanTheLimitIsRefused()
    {
        var course = InMiddle();
        var note = Started(course);

        Assert.Equal(TreatmentCourseRules.NoteTextTooLong,
            Refused(() => note.Edit(Content with { ProblemAreaWork = new string('x', SessionNote.MaxTextLength + 1) }, course.TherapistId, Now)));
    }

    [Fact]
    public void ANoteForASessionThatHasNotStartedIsKeptAsADraftAndNotSigned()
    {
        var course = InMiddle();
        var note = Started(course);
        note.Edit(Content, course.TherapistId, Now);

        Assert.Equal(TreatmentCourseRules.NoteSignedOnlyOnceTheSessionStarted,
            Refused(() => note.Sign(course.TherapistId, Now.AddDays(5), Now, riskRaised: false)));
        Assert.False(note.IsSigned);
        Assert.Equal("Low at the weekend, better midweek", note.MoodSinceLastTime);
    }

    [Fact]
    public void ANoteCanBeSignedFromTheMinuteItsSessionBegins()
    {
        var course = InMiddle();
        var note = Started(course);
        note.Edit(Content, course.TherapistId, Now);

        note.Sign(course.TherapistId, Now, Now, riskRaised: false);

        Assert.True(note.IsSigned);
    }

    [Fact]
    public void AnEmptyNoteCannotBeSigned()
    {
        var course = InMiddle();
        var note = Started(course);

        Assert.Equal(TreatmentCourseRules.NoteNeedsContent, Refused(() => note.Sign(course.TherapistId, SessionStart, Now, riskRaised: false)));
    }

    [Fact]
    public void WhileRiskIsRaisedANoteIsNotSignedWithoutItsRiskSection()
    {
        var course = InMiddle();
        var note = Started(course);
        note.Edit(Content, course.TherapistId, Now);

        Assert.Equal(TreatmentCourseRules.RiskSectionRequired, Refused(() => note.Sign(course.TherapistId, SessionStart, Now, riskRaised: true)));
        Assert.False(note.IsSigned);
    }

    [Fact]
    public void WithItsRiskSectionANoteIsSignedAndRemembersThatRiskWasRaised()
    {
        var course = InMiddle();
        var note = Started(course);
        note.Edit(Content with { Risk = "Asked about thoughts of death: none this week. Agreed to ask again next time." }, course.TherapistId, Now);

        note.Sign(course.TherapistId, SessionStart, Now, riskRaised: true);

        Assert.True(note.IsSigned);
        Assert.True(note.RiskRaised);
        Assert.Equal("Asked about thoughts of death: none this week. Agreed to ask again next time.", note.RiskSection);
    }

    [Fact]
    public void ASignedNoteIsLocked()
    {
        var course = InMiddle();
        var note = Started(course);
        note.Edit(Content, course.TherapistId, Now);
        note.Sign(course.TherapistId, SessionStart, Now.AddHours(1), riskRaised: false);

        Assert.Equal(TreatmentCourseRules.SignedNoteIsLocked, Refused(() => note.Edit(Content with { MoodSinceLastTime = "Changed" }, course.TherapistId, Now)));
        Assert.Equal("Low at the weekend, better midweek", note.MoodSinceLastTime);
        Assert.Equal(Now.AddHours(1), note.SignedAt);
    }

    [Fact]
    public void ASignedNoteIsNotSignedAgain()
    {
        var course = InMiddle();
        var note = Started(course);
        note.Edit(Content, course.TherapistId, Now);
        note.Sign(course.TherapistId, SessionStart, Now, riskRaised: false);

        Assert.Equal(TreatmentCourseRules.SignedNoteIsLocked, Refused(() => note.Sign(course.TherapistId, SessionStart, Now, riskRaised: false)));
    }

    [Fact]
    public void ASignedNoteTakesAmendmentsAppendedInOrder()
    {
        var course = InMiddle();
        var note = Started(course);
        note.Edit(Content, course.TherapistId, Now);
        note.Sign(course.TherapistId, SessionStart, Now, riskRaised: false);

        note.Amend("The row was on Friday, not Saturday.", course.TherapistId, Now.AddDays(1));
        note.Amend("Sam has since agreed to talk.", course.TherapistId, Now.AddDays(2));

        Assert.Equal(["The row was on Friday, not Saturday.", "Sam has since agreed to talk."], note.Amendments.Select(a => a.Text));
        Assert.Equal("Row with Sam on Saturday about the bills", note.InterpersonalEvents);
    }

    [Fact]
    public void ADraftIsChangedNotAmended()
    {
        var course = InMiddle();
        var note = Started(course);

        Assert.Equal(TreatmentCourseRules.AmendOnlySignedNotes, Refused(() => note.Amend("Addition", course.TherapistId, Now)));
    }

    [Fact]
    public void TerminationNotesPromptForTheEndingAndWarningSigns()
    {
        var prompts = SessionNote.Prompts(CoursePhase.Termination);

        Assert.Contains("Feelings about the ending", prompts);
        Assert.Contains("Warning signs and what to do about each", prompts);
        Assert.DoesNotContain("Feelings about the ending", SessionNote.Prompts(CoursePhase.Middle));
    }

    [Fact]
    public void MiddlePhaseNotesOpenWithHowThingsHaveBeen()
    {
        Assert.Equal("How have things been since we last met?", SessionNote.Prompts(CoursePhase.Middle)[0]);
    }

    [Fact]
    public void TheProblemAreaWorkedOnIsOneOfTheFormulations()
    {
        var course = InMiddle();
        var formulation = AgreedFormulation(course);
        var note = Started(course);

        Assert.Equal(TreatmentCourseRules.ProblemAreaWorkedFromFormulation,
            Refused(() => note.Edit(Content with { ProblemAreaWorked = ProblemArea.Grief }, course.TherapistId, Now, formulation)));
        Assert.Null(note.MoodSinceLastTime);

        note.Edit(Content with { ProblemAreaWorked = ProblemArea.RoleDispute }, course.TherapistId, Now, formulation);
        Assert.Equal(ProblemArea.RoleDispute, note.ProblemAreaWorked);
    }

    [Fact]
    public void AProblemAreaWorkedOnNeedsAFormulation()
    {
        var course = InMiddle();
        var note = Started(course);

        Assert.Equal(TreatmentCourseRules.ProblemAreaWorkedFromFormulation,
            Refused(() => note.Edit(Content with { ProblemAreaWorked = ProblemArea.RoleDispute }, course.TherapistId, Now)));
    }

    [Fact]
    public void TheDirectiveTechniquesAreAmongTheTags()
    {
        var course = InMiddle();
        var note = Started(course);

        note.Edit(Content with { Techniques = [Technique.Advice, Technique.LimitSetting, Technique.EducationAboutDepression] }, course.TherapistId, Now);

        Assert.Equal([Technique.Advice, Technique.LimitSetting, Technique.EducationAboutDepression], note.Techniques);
    }

    [Theory]
    [InlineData(9, 14, 5)]
    [InlineData(3, 20, 17)]
    [InlineData(9, 13, null)]
    [InlineData(15, 9, null)]
    [InlineData(null, 20, null)]
    [InlineData(9, null, null)]
    public void APhq9RiseOfFiveOrMoreIsWorthShowing(int? previous, int? current, int? shown)
    {
        Assert.Equal(shown, SessionNote.Phq9RiseWorthShowing(previous, current));
    }
}
