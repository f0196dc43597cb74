using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.UnitTests.Features.Assessments;

/// <summary>Change labels compare with the baseline of the current course (Assessments readme, rule 7, "Baseline per course").</summary>
public sealed class BaselinePerCourseTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static MeasurePoint Phq9(int total, int day) => MeasurePoint.Of(AssessmentResponse.Record(Guid.Empty, Guid.Empty,
        InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, AnswerSets.Totalling(InstrumentCatalog.Phq9Instrument, total)), Guid.NewGuid(), Day0.AddDays(day)));

    /// <summary>A first course (day 0 to 100) that went from 20 to 6, and a second one opened on day 150 at 12, now 13.</summary>
    private static readonly MeasurePoint[] TwoCourses = [Phq9(20, -1), Phq9(6, 95), Phq9(12, 149), Phq9(13, 170)];

    [Fact]
    public void ANewCourseAfterADischargeComparesWithItsOwnFirstScore()
    {
        var course = new CourseStart(PreviousEndedAt: Day0.AddDays(100));

        var baseline = MeasurementSeries.BaselineOf(TwoCourses, course);

        Assert.Equal(12, baseline!.Total);
        var change = MeasureChange.Compare(InstrumentCatalog.Phq9Instrument, baseline.Total!.Value, 13);
        Assert.Empty(change.Labels());
    }

    [Fact]
    public void WithoutACourseTheFirstScoreEverIsTheBaseline()
    {
        Assert.Equal(20, MeasurementSeries.BaselineOf(TwoCourses, course: null)!.Total);
    }

    [Fact]
    public void AScoreFromBeforeThePreviousCourseEndedIsNeverTheNewCoursesBaseline()
    {
        MeasurePoint[] noneBetween = [Phq9(20, -1), Phq9(6, 95), Phq9(14, 160)];

        var baseline = MeasurementSeries.BaselineOf(noneBetween, new CourseStart(Day0.AddDays(100)));

        Assert.Equal(14, baseline!.Total);
    }

    [Fact]
    public void TheSeriesComparesNoScoreFromBeforeItsBaseline()
    {
        var series = new MeasurementSeries(InstrumentCatalog.Phq9Instrument, TwoCourses, null, BaselineAt: TwoCourses[2].SubmittedAt);

        Assert.Equal(12, series.Baseline!.Total);
        Assert.Null(series.ChangeAt(TwoCourses[1]));
        Assert.Equal(1, series.ChangeAt(TwoCourses[3])!.Delta);
    }

    [Fact]
    public void ACourseStartsAfterTheEndOfTheCourseBeforeIt()
    {
        var first = new CourseStarts.Course(Guid.NewGuid(), Day0, Day0.AddDays(100), null);
        var second = new CourseStarts.Course(Guid.NewGuid(), Day0.AddDays(150), null, null);

        Assert.Equal(new CourseStart(Day0.AddDays(100)), CourseStarts.Of([second, first]));
    }

    [Fact]
    public void ACourseContinuedAfterATransferKeepsTheStartOfTheCourseItContinues()
    {
        var first = new CourseStarts.Course(Guid.NewGuid(), Day0, Day0.AddDays(40), null);
        var continued = new CourseStarts.Course(Guid.NewGuid(), Day0.AddDays(40), null, first.Id);

        Assert.Equal(new CourseStart(null), CourseStarts.Of([first, continued]));
    }
}
