using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>Readme rule 33: a supervisor rates each task of the phases reached 0–2; later phases stay unrated; the total is out of twice the rated tasks.</summary>
public sealed class FidelityReviewTests
{
    private static Dictionary<FidelityItem, int?> Rate(CoursePhase upTo, int rating) =>
        FidelityItems.All.ToDictionary(i => i.Id, i => i.Phase <= upTo ? rating : (int?)null);

    [Fact]
    public void TheCoursesOwnTherapistCannotRateTheirOwnCourse()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.FidelityByAnotherClinician,
            Refused(() => FidelityReview.Record(course, course.TherapistId, Rate(CoursePhase.Middle, 2), null, Now)));
    }

    [Fact]
    public void InTheMiddlePhaseTheEndingIsNotYetRatedAndTheTotalIsOutOfSixteen()
    {
        var course = InMiddle();
        var ratings = Rate(CoursePhase.Middle, 2);
        ratings[FidelityItem.SickRoleGiven] = 0;
        ratings[FidelityItem.TechniquesSuitTheArea] = 1;

        var review = FidelityReview.Record(course, Guid.NewGuid(), ratings, " Keep the focus. ", Now);

        Assert.Equal("13 of 16", review.Score);
        Assert.Null(review.Rating(FidelityItem.WarningSignsNamed));
        Assert.Equal("not yet rated", FidelityItems.RatingWord(review.Rating(FidelityItem.FuturePlanned)));
        Assert.Equal("Keep the focus.", review.Comment);
    }

    [Fact]
    public void ATaskOfAPhaseTheCourseHasNotReachedCannotBeRatedEvenAsZero()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.FidelityPhaseNotReached,
            Refused(() => FidelityReview.Record(course, Guid.NewGuid(), Rate(CoursePhase.Termination, 0), null, Now)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void ARatingOutsideZeroToTwoIsRefused(int rating)
    {
        var course = InMiddle();
        var ratings = Rate(CoursePhase.Middle, 2);
        ratings[FidelityItem.FocusKept] = rating;

        Assert.Equal(TreatmentCourseRules.FidelityRatingRange, Refused(() => FidelityReview.Record(course, Guid.NewGuid(), ratings, null, Now)));
    }

    [Fact]
    public void EveryTaskOfAReachedPhaseMustBeRated()
    {
        var course = InMiddle();
        var ratings = Rate(CoursePhase.Middle, 2);
        ratings[FidelityItem.MoodLinkedToEvents] = null;

        var refusal = Assert.Throws<Rapport.Web.Features.RuleViolationException>(() => FidelityReview.Record(course, Guid.NewGuid(), ratings, null, Now));

        Assert.Equal(TreatmentCourseRules.FidelityRateEveryReachedTask, refusal.Rule);
        Assert.Contains("mood was linked to interpersonal events", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACourseStillInItsAssessmentHasNothingToRate()
    {
        Assert.Equal(TreatmentCourseRules.FidelityNothingToRateYet,
            Refused(() => FidelityReview.Record(InAssessment(), Guid.NewGuid(), new Dictionary<FidelityItem, int?>(), null, Now)));
    }

    [Fact]
    public void ACommentLongerThanTheLimitIsRefused()
    {
        var course = InMiddle();

        Assert.Equal(TreatmentCourseRules.FidelityCommentTooLong, Refused(() =>
            FidelityReview.Record(course, Guid.NewGuid(), Rate(CoursePhase.Middle, 2), new string('x', FidelityReview.MaxCommentLength + 1), Now)));
    }
}
