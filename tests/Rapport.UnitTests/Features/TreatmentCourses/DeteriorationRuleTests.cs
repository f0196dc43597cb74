using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>Rule 29 of the TreatmentCourses readme: a reliable deterioration or a severe PHQ-9 in the acute phases.</summary>
public sealed class DeteriorationRuleTests
{
    [Theory]
    [InlineData(10, 12, 15, false)]
    [InlineData(10, 12, 16, true)]
    public void ARiseOfSixFromTheBaselineIsADeteriorationAndFiveIsNot(int baseline, int previous, int current, bool alert) =>
        Assert.Equal(alert, DeteriorationRule.Check(baseline, previous, current).RoseFromBaseline);

    [Theory]
    [InlineData(10, 8, 13, false)]
    [InlineData(10, 8, 14, true)]
    public void ARiseOfSixFromThePreviousScoreIsADeteriorationAndFiveIsNot(int baseline, int previous, int current, bool alert) =>
        Assert.Equal(alert, DeteriorationRule.Check(baseline, previous, current).IsAlert);

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    public void AScoreOfTwentyIsSevereAndNineteenIsNot(int current, bool alert) =>
        Assert.Equal(alert, DeteriorationRule.Check(18, 18, current).IsAlert);

    [Fact]
    public void WithoutEarlierScoresOnlyTheThresholdApplies() =>
        Assert.False(DeteriorationRule.Check(null, null, 19).IsAlert);

    [Fact]
    public void NoNoticeIsRaisedInMaintenance()
    {
        var course = InTermination();
        var review = CompletedReview(course);
        course.BeginMaintenance(review, MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now), Now);

        Assert.Null(RelapseAlert.ForDeterioration(course, Guid.NewGuid(), 27, 5, 5, Now));
    }

    [Fact]
    public void TheNoticeSaysWhyInTheTherapistsWords()
    {
        var alert = RelapseAlert.ForDeterioration(InMiddle(), Guid.NewGuid(), 21, 14, 15, Now);

        Assert.Equal("Deterioration in the acute phase: PHQ-9 is 21: up 7 from 14 at the course's baseline; up 6 from 15 the time before; at or above 20 (severe).",
            alert!.Reason);
        Assert.Equal(CourseAlertKind.Deterioration, alert.Kind);
    }
}
