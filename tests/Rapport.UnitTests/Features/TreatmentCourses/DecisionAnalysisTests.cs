using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The brainstorming and feedback loop (docs/clinical/ipt-course.md#middle-phase-session-flow, step 6): options, a choice with a plan, the patient's report, the therapist's adjustment.</summary>
public sealed class DecisionAnalysisTests
{
    private static DecisionAnalysis Opened() => DecisionAnalysis.Open(InMiddle(), "Sam and I cannot talk about money", null, Now);

    private static (DecisionAnalysis Analysis, DecisionOption Talk, DecisionOption Letter) WithOptions()
    {
        var analysis = Opened();
        var talk = analysis.AddOption("Ask for a set time to talk", "Calmer", "Sam may refuse", Now);
        var letter = analysis.AddOption("Write a letter", "I can think it through", "Feels formal", Now);
        return (analysis, talk, letter);
    }

    [Fact]
    public void ABrainstormHoldsOptionsWithProsAndCons()
    {
        var (analysis, talk, _) = WithOptions();

        Assert.Equal(2, analysis.Options.Count);
        Assert.Equal(("Calmer", "Sam may refuse"), (talk.Pros, talk.Cons));
        Assert.False(analysis.IsOnNextAgenda);
    }

    [Fact]
    public void ADecisionAnalysisNeedsAProblem()
    {
        Assert.Equal(TreatmentCourseRules.DecisionNeedsProblem, Refused(() => DecisionAnalysis.Open(InMiddle(), "  ", null, Now)));
    }

    [Fact]
    public void AnOptionNeedsWords()
    {
        var analysis = Opened();

        Assert.Equal(TreatmentCourseRules.DecisionOptionInvalid, Refused(() => analysis.AddOption(" ", "Pro", null, Now)));
    }

    [Fact]
    public void AtMostTenOptionsAreKept()
    {
        var analysis = Opened();
        for (var i = 0; i < DecisionAnalysis.MaxOptions; i++)
        {
            analysis.AddOption($"Option {i}", null, null, Now);
        }

        Assert.Equal(TreatmentCourseRules.AtMostTenOptions, Refused(() => analysis.AddOption("One more", null, null, Now)));
    }

    [Fact]
    public void AChosenOptionWithAPlanGoesOnTheNextAgenda()
    {
        var (analysis, talk, _) = WithOptions();

        var first = analysis.Choose(talk.Id, "Sunday after lunch, twenty minutes", Now);

        Assert.Equal((1, talk.Id), (first.Number, first.OptionId));
        Assert.True(analysis.IsOnNextAgenda);
    }

    [Fact]
    public void OnlyABrainstormedOptionCanBeChosen()
    {
        var (analysis, _, _) = WithOptions();

        Assert.Equal(TreatmentCourseRules.ChooseABrainstormedOption, Refused(() => analysis.Choose(Guid.NewGuid(), "Plan", Now)));
    }

    [Fact]
    public void AChoiceNeedsAPlan()
    {
        var (analysis, talk, _) = WithOptions();

        Assert.Equal(TreatmentCourseRules.ChoiceNeedsPlan, Refused(() => analysis.Choose(talk.Id, "", Now)));
    }

    [Fact]
    public void ThePatientReportsBackHowItWent()
    {
        var (analysis, talk, _) = WithOptions();
        analysis.Choose(talk.Id, "Sunday", Now);

        analysis.ReportBack(true, "We talked for ten minutes", "Nervous, then relieved", FeedbackSource.Patient, Now.AddDays(6));

        var current = analysis.CurrentTry!;
        Assert.Equal((true, "We talked for ten minutes", FeedbackSource.Patient), (current.Tried!.Value, current.WhatHappened, current.ReportedBy!.Value));
        Assert.True(analysis.IsOnNextAgenda);
    }

    [Fact]
    public void ThereIsNothingToReportBeforeAChoice()
    {
        var (analysis, _, _) = WithOptions();

        Assert.Equal(TreatmentCourseRules.FeedbackNeedsAPlan, Refused(() => analysis.ReportBack(false, null, null, FeedbackSource.Patient, Now)));
    }

    [Fact]
    public void ATryIsReportedOnOnce()
    {
        var (analysis, talk, _) = WithOptions();
        analysis.Choose(talk.Id, "Sunday", Now);
        analysis.ReportBack(false, "No chance", "Tired", FeedbackSource.Patient, Now);

        Assert.Equal(TreatmentCourseRules.FeedbackOncePerTry, Refused(() => analysis.ReportBack(true, "Did it", null, FeedbackSource.Therapist, Now)));
    }

    [Fact]
    public void TheAdjustmentFollowsTheFeedback()
    {
        var (analysis, talk, _) = WithOptions();
        analysis.Choose(talk.Id, "Sunday", Now);

        Assert.Equal(TreatmentCourseRules.AdjustmentFollowsFeedback, Refused(() => analysis.RecordAdjustment("Try a shorter talk", Now)));
    }

    [Fact]
    public void ANewTryWaitsUntilTheLastIsTalkedThrough()
    {
        var (analysis, talk, letter) = WithOptions();
        analysis.Choose(talk.Id, "Sunday", Now);
        analysis.ReportBack(false, null, null, FeedbackSource.Patient, Now);

        Assert.Equal(TreatmentCourseRules.OneTryAtATime, Refused(() => analysis.Choose(letter.Id, "Write on Monday", Now)));
    }

    [Fact]
    public void TheHistoryOfTriesShowsWhatWasLearned()
    {
        var (analysis, talk, letter) = WithOptions();
        analysis.Choose(talk.Id, "Sunday", Now);
        analysis.ReportBack(false, "Sam walked out", "Hurt", FeedbackSource.Patient, Now.AddDays(6));
        analysis.RecordAdjustment("A talk felt like an ambush to Sam; try writing first", Now.AddDays(7));

        analysis.Choose(letter.Id, "Write on Monday, leave it on the table", Now.AddDays(7));
        analysis.ReportBack(true, "Sam replied by text", "Hopeful", FeedbackSource.Therapist, Now.AddDays(14));
        analysis.RecordAdjustment("Writing works for opening the subject", Now.AddDays(14));

        Assert.Equal([talk.Id, letter.Id], analysis.Tries.Select(t => t.OptionId));
        Assert.All(analysis.Tries, t => Assert.True(t.IsSettled));
        Assert.False(analysis.IsOnNextAgenda);
    }

    [Fact]
    public void AClosedDecisionAnalysisTakesNoMoreOptions()
    {
        var analysis = Opened();
        analysis.Close(Now);

        Assert.Equal(TreatmentCourseRules.DecisionClosed, Refused(() => analysis.AddOption("Late idea", null, null, Now)));
    }
}
