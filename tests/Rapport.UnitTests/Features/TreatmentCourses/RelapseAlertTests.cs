using Rapport.Web.Features;
using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The relapse alert raised from a maintenance PHQ-9, and how the therapist closes it (TreatmentCourses readme, maintenance).</summary>
public sealed class RelapseAlertTests
{
    private static (TreatmentCourse Course, MaintenancePlan Plan) Maintenance()
    {
        var course = InTermination();
        var review = CompletedReview(course);
        var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now);
        course.BeginMaintenance(review, plan, Now);
        return (course, plan);
    }

    [Fact]
    public void ARiseOfFiveFromTheEndOfAcuteTreatmentRaisesAnAlertThatSaysWhy()
    {
        var (course, plan) = Maintenance();

        var alert = RelapseAlert.For(course, plan, Guid.NewGuid(), 9, Now);

        Assert.NotNull(alert);
        Assert.True(alert.RoseByFiveOrMore);
        Assert.Equal("PHQ-9 is 9: up 5 from 4 at the end of acute treatment.", alert.Reason);
        Assert.Equal(course.TherapistId, alert.TherapistId);
    }

    [Fact]
    public void ARiseOfFourThatStaysBelowTenRaisesNothing()
    {
        var (course, plan) = Maintenance();

        Assert.Null(RelapseAlert.For(course, plan, Guid.NewGuid(), 8, Now));
    }

    [Fact]
    public void NoAlertIsRaisedOutsideMaintenance()
    {
        var course = InTermination();
        var review = CompletedReview(course);
        var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now);

        Assert.Null(RelapseAlert.For(course, plan, Guid.NewGuid(), 20, Now));
    }

    [Fact]
    public void OnlyTheCoursesTherapistClosesTheAlertAndOnlyWithWhatTheyDid()
    {
        var (course, plan) = Maintenance();
        var alert = RelapseAlert.For(course, plan, Guid.NewGuid(), 14, Now)!;

        Assert.Equal(TreatmentCourseRules.RelapseAlertNeedsAction, Refused(() => alert.Acknowledge(course.TherapistId, "  ", Now)));
        alert.Acknowledge(course.TherapistId, "Phoned; earlier session booked", Now);
        Assert.False(alert.IsOpen);
        Assert.Equal(TreatmentCourseRules.RelapseAlertClosed, Refused(() => alert.Acknowledge(course.TherapistId, "Again", Now)));
    }
}
