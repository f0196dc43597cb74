using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The termination review (docs/clinical/ipt-course.md#termination): written in the termination phase, complete only with everything the patient takes away.</summary>
public sealed class TerminationReviewTests
{
    private static TerminationReview Edited(TerminationReview.Details details)
    {
        var review = TerminationReview.Start(InTermination(), Now);
        review.Edit(details, Now);
        return review;
    }

    [Fact]
    public void ACompletedReviewKeepsScoresGainsSignsPlansAndTheDecision()
    {
        var course = InTermination();

        var review = CompletedReview(course);

        Assert.True(review.IsCompleted);
        Assert.Equal(-14, review.Scores[0].Change);
        Assert.Equal(4, review.EndOfAcutePhq9);
        Assert.Equal("Call my sister and plan one outing", Assert.Single(review.WarningSigns).WhatToDo);
        Assert.Single(review.AnticipatedProblems);
        Assert.Equal(MaintenanceDecision.Maintenance, review.Decision);
        Assert.Equal(course.TherapistId, review.CompletedById);
    }

    [Fact]
    public void TheReviewIsWrittenOnlyInTheTerminationPhase()
    {
        Assert.Equal(TreatmentCourseRules.ReviewInTerminationPhase, Refused(() => TerminationReview.Start(InMiddle(), Now)));
    }

    [Fact]
    public void CompletingNeedsTheGainsInThePatientsWords()
    {
        var review = Edited(ReviewDetails() with { GainsInOwnWords = " " });

        Assert.Equal(TreatmentCourseRules.ReviewNeedsGains, Refused(() => review.Complete(Guid.NewGuid(), Now)));
    }

    [Fact]
    public void CompletingNeedsAWarningSign()
    {
        var review = Edited(ReviewDetails() with { WarningSigns = [] });

        Assert.Equal(TreatmentCourseRules.ReviewNeedsWarningSigns, Refused(() => review.Complete(Guid.NewGuid(), Now)));
    }

    [Fact]
    public void EachWarningSignNeedsWhatToDo()
    {
        var review = Edited(ReviewDetails() with { WarningSigns = [new WarningSign("Not eating", " ")] });

        Assert.Equal(TreatmentCourseRules.ReviewNeedsWarningSigns, Refused(() => review.Complete(Guid.NewGuid(), Now)));
    }

    [Fact]
    public void CompletingNeedsAnEmergencyContact()
    {
        var review = Edited(ReviewDetails() with { EmergencyContact = null });

        Assert.Equal(TreatmentCourseRules.ReviewNeedsEmergencyContact, Refused(() => review.Complete(Guid.NewGuid(), Now)));
    }

    [Fact]
    public void CompletingNeedsTheMaintenanceDecision()
    {
        var review = Edited(ReviewDetails(MaintenanceDecision.Undecided));

        Assert.Equal(TreatmentCourseRules.ReviewNeedsMaintenanceDecision, Refused(() => review.Complete(Guid.NewGuid(), Now)));
    }

    [Fact]
    public void AScoreOutsideTheRangeIsRefused()
    {
        var review = TerminationReview.Start(InTermination(), Now);

        Assert.Equal(TreatmentCourseRules.ReviewScoreInvalid, Refused(() => review.Edit(ReviewDetails() with { Scores = [new ScoreComparison("PHQ-9", -1, 5)] }, Now)));
    }

    [Fact]
    public void ATextLongerThanTheLimitIsRefused()
    {
        var review = TerminationReview.Start(InTermination(), Now);

        Assert.Equal(TreatmentCourseRules.ReviewTextTooLong,
            Refused(() => review.Edit(ReviewDetails() with { GainsInOwnWords = new string('x', TerminationReview.MaxTextLength + 1) }, Now)));
    }

    [Fact]
    public void ACompletedReviewIsLocked()
    {
        var review = CompletedReview(InTermination());

        Assert.Equal(TreatmentCourseRules.CompletedReviewIsLocked, Refused(() => review.Edit(ReviewDetails(MaintenanceDecision.NoMaintenance), Now)));
        Assert.Equal(MaintenanceDecision.Maintenance, review.Decision);
    }
}

/// <summary>The maintenance plan (docs/clinical/ipt-course.md#maintenance) and the relapse rule (TreatmentCourses readme, rule 28).</summary>
public sealed class MaintenancePlanTests
{
    [Fact]
    public void AMonthlyPlanTakesTheEndOfAcuteScoreFromTheReview()
    {
        var course = InTermination();
        var review = CompletedReview(course);

        var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, MaintenancePlan.DefaultMonths, Today, Now);

        Assert.Equal((MaintenanceFrequency.Monthly, 12, 4), (plan.Frequency, plan.LengthMonths, plan.EndOfAcutePhq9!.Value));
        Assert.Equal(Today.AddMonths(12), plan.EndDate);
    }

    [Fact]
    public void APlanFollowsAReviewThatChoseMaintenance()
    {
        var course = InTermination();
        var review = CompletedReview(course, MaintenanceDecision.NoMaintenance);

        Assert.Equal(TreatmentCourseRules.MaintenanceWasChosen, Refused(() => MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    public void APlanLastsOneToThirtySixMonths(int months)
    {
        var course = InTermination();
        var review = CompletedReview(course);

        Assert.Equal(TreatmentCourseRules.MaintenanceLength, Refused(() => MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, months, Today, Now)));
    }

    [Theory]
    [InlineData(4, 8, false)]
    [InlineData(4, 9, true)]
    [InlineData(3, 8, true)]
    [InlineData(0, 4, false)]
    public void ARiseOfFiveOrMoreFromTheEndOfAcuteScoreIsARelapseAlert(int endOfAcute, int current, bool alert)
    {
        var check = RelapseRule.Check(endOfAcute, current);

        Assert.Equal(alert, check.RoseByFiveOrMore);
        Assert.Equal(alert, check.IsRelapseAlert);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(27, true)]
    public void AScoreOfTenOrMoreIsARelapseAlertWhateverTheRise(int current, bool alert)
    {
        var check = RelapseRule.Check(8, current);

        Assert.Equal(alert, check.ReachedTen);
        Assert.Equal(alert, check.IsRelapseAlert);
    }

    [Fact]
    public void WithoutAnEndOfAcuteScoreOnlyTheThresholdApplies()
    {
        Assert.False(RelapseRule.Check(null, 9).IsRelapseAlert);
        Assert.True(RelapseRule.Check(null, 10).IsRelapseAlert);
    }

    [Fact]
    public void AScoreOutsideThePhq9RangeIsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RelapseRule.Check(5, 28));
    }

    [Fact]
    public void ThePlanChecksAgainstItsOwnBaseline()
    {
        var course = InTermination();
        var plan = MaintenancePlan.Create(course, CompletedReview(course), MaintenanceFrequency.Monthly, 12, Today, Now);

        Assert.True(plan.Check(9).RoseByFiveOrMore);
        Assert.False(plan.Check(8).IsRelapseAlert);
    }

    [Fact]
    public void MonthlyMaintenanceWithoutRemissionIsRefusedWithoutAReason()
    {
        var course = InTermination();
        var review = CompletedReview(course);

        Assert.Equal(TreatmentCourseRules.MonthlyMaintenanceWithoutRemissionNeedsReason,
            Refused(() => MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now, lastPhq9: 8)));
        Assert.Equal(TreatmentCourseRules.MonthlyMaintenanceWithoutRemissionNeedsReason,
            Refused(() => MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now, lastPhq9: 5, notRemittedReason: "   ")));
    }

    [Fact]
    public void MonthlyMaintenanceWithoutRemissionKeepsTheReasonGiven()
    {
        var course = InTermination();

        var plan = MaintenancePlan.Create(course, CompletedReview(course), MaintenanceFrequency.Monthly, 12, Today, Now, lastPhq9: 8,
            notRemittedReason: "Improving week by week; monthly through the anniversary, stepping up if not below 5 by the third session.");

        Assert.Equal((8, "Improving week by week; monthly through the anniversary, stepping up if not below 5 by the third session."),
            (plan.LastPhq9!.Value, plan.NotRemittedReason));
    }

    [Theory]
    [InlineData(MaintenanceFrequency.Weekly)]
    [InlineData(MaintenanceFrequency.TwiceMonthly)]
    public void MoreFrequentContinuationSessionsWithoutRemissionNeedNoReason(MaintenanceFrequency frequency)
    {
        var course = InTermination();

        var plan = MaintenancePlan.Create(course, CompletedReview(course), frequency, 6, Today, Now, lastPhq9: 9);

        Assert.Equal(frequency, plan.Frequency);
    }

    [Fact]
    public void MonthlyMaintenanceInRemissionNeedsNoReason()
    {
        var course = InTermination();

        var plan = MaintenancePlan.Create(course, CompletedReview(course), MaintenanceFrequency.Monthly, 12, Today, Now, lastPhq9: 4);

        Assert.Null(plan.NotRemittedReason);
    }
}
