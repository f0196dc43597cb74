using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

/// <summary>A kept chart is used only for exactly the measures, sessions and time zone it was drawn from.</summary>
public sealed class DrawnChartsTests
{
    private static readonly DateTimeOffset Start = new(2025, 9, 3, 9, 0, 0, TimeSpan.Zero);

    private static MeasurePoint Point(int? total, int day, string? band = "Moderate") =>
        new(Guid.NewGuid(), Start.AddDays(day), total is not null, total, band, RiskLevel.None);

    private static MeasurementSeries Series(params MeasurePoint[] points)
    {
        var complete = points.Where(p => p.Total is not null).ToList();
        var change = complete.Count >= 2
            ? MeasureChange.Compare(InstrumentCatalog.Phq9Instrument, complete[0].Total!.Value, complete[^1].Total!.Value) : null;
        return new MeasurementSeries(InstrumentCatalog.Phq9Instrument, points, change);
    }

    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Fact]
    public void TheSameMeasuresDrawnAgainGiveTheChartDrawnTheFirstTime()
    {
        var series = Series(Point(19, 0), Point(11, 14));
        SessionMark[] sessions = [new(Start.AddDays(1), "S1")];

        var first = DrawnCharts.Render(series, sessions, Utc, "chart-phq-9");
        var again = DrawnCharts.Render(Series(series.Points[0], series.Points[1]), [new(Start.AddDays(1), "S1")], Utc, "chart-phq-9");

        Assert.Same(first, again);
        Assert.Equal(ProgressChart.Render(series, sessions, Utc, "chart-phq-9"), again);
    }

    [Fact]
    public void ANewAnswerGivesTheNewChartNotTheKeptOne()
    {
        var before = Series(Point(19, 0), Point(11, 14));
        var after = Series(before.Points[0], before.Points[1], Point(6, 21, "Mild"));
        _ = DrawnCharts.Render(before, [], Utc, "chart-phq-9");

        Assert.Equal(ProgressChart.Render(after, [], Utc, "chart-phq-9"), DrawnCharts.Render(after, [], Utc, "chart-phq-9"));
    }

    [Fact]
    public void ASessionLabelATimeZoneOrABandThatDiffersIsNotTakenForTheSameChart()
    {
        var series = Series(Point(19, 0), Point(11, 14));
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var keys = new[]
        {
            DrawnCharts.KeyOf(series, [new(Start.AddDays(1), "S1")], Utc, "chart-phq-9"),
            DrawnCharts.KeyOf(series, [new(Start.AddDays(1), "S2")], Utc, "chart-phq-9"),
            DrawnCharts.KeyOf(series, [new(Start.AddDays(1), "S1")], london, "chart-phq-9"),
            DrawnCharts.KeyOf(Series(series.Points[0], series.Points[1] with { Band = "Mild" }), [new(Start.AddDays(1), "S1")], Utc, "chart-phq-9"),
            DrawnCharts.KeyOf(series, [new(Start.AddDays(1), "S1")], Utc, "chart-gad-7"),
        };

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }
}
