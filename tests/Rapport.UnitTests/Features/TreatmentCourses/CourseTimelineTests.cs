using System.Globalization;
using System.Xml.Linq;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

public sealed class CourseTimelineTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static LifeEvent Event(LifeEventKind kind, int year, int month, string? description = null) =>
        LifeEvent.Record(Guid.Empty, kind, new DateOnly(year, month, 1), description, Guid.Empty, Now);

    private static MeasurePoint Phq9(int total, DateTimeOffset at)
    {
        var answers = new int?[10];
        var left = total;
        for (var i = 0; i < 9; i++)
        {
            answers[i] = Math.Min(3, left);
            left -= answers[i]!.Value;
        }
        answers[9] = 1;
        return MeasurePoint.Of(AssessmentResponse.Record(Guid.Empty, Guid.Empty, InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, answers), Guid.NewGuid(), at));
    }

    private static MeasurementSeries Series(params MeasurePoint[] points) =>
        new(InstrumentCatalog.Phq9Instrument, points, MeasureChange.Compare(InstrumentCatalog.Phq9Instrument, points[0].Total!.Value, points[^1].Total!.Value));

    /// <summary>A move in March, rows with Sam from April (the trigger), low mood from May, then PHQ-9 from August falling.</summary>
    private static CourseTimeline.Input MoveThenDispute(string? trigger = "Rows with Sam began") => new(
        [Event(LifeEventKind.Move, 2025, 3, "Moved to Berlin"), Event(LifeEventKind.Conflict, 2025, 4)],
        new DateOnly(2025, 5, 1), new DateOnly(2025, 4, 12), trigger,
        Series(Phq9(19, new(2025, 8, 4, 9, 0, 0, TimeSpan.Zero)), Phq9(15, new(2025, 9, 1, 9, 0, 0, TimeSpan.Zero)), Phq9(9, new(2025, 10, 13, 9, 0, 0, TimeSpan.Zero))),
        new DateOnly(2025, 10, 20), TimeZoneInfo.Utc);

    private static double X(XElement e) => (double?)e.Attribute("cx") ?? (double)e.Attribute("x1")!;

    private static IEnumerable<XElement> Classed(XElement svg, string css) => svg.Elements().Where(e => (string?)e.Attribute("class") == css);

    [Fact]
    public void EventsTriggerOnsetAndScoresArePlacedInTimeOrderOnOneAxis()
    {
        var svg = XElement.Parse(CourseTimeline.Render(MoveThenDispute()));

        var events = Classed(svg, "event").Select(X).ToList();
        var trigger = Classed(svg, "trigger-stem").Select(X).Single();
        var onset = Classed(svg, "onset").Select(X).Single();
        var scores = Classed(svg, "score").Select(X).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(3, scores.Count);
        // March move < April conflict (1 April) < trigger (12 April) < onset (May) < PHQ-9 in August, September, October.
        double[] order = [events[0], events[1], trigger, onset, .. scores];
        Assert.Equal(order.Order(), order);
        Assert.Equal(order.Length, order.Distinct().Count());
    }

    [Fact]
    public void TheScoresFallDownThePanelAsThePhq9Falls()
    {
        var svg = XElement.Parse(CourseTimeline.Render(MoveThenDispute()));

        var heights = Classed(svg, "score").Select(c => (double)c.Attribute("cy")!).ToList();
        // A lower score is drawn lower (a larger y).
        Assert.True(heights[0] < heights[1] && heights[1] < heights[2]);
        Assert.Equal(["19", "9"], Classed(svg, "score-label").Select(t => t.Value));
        Assert.Single(svg.Elements(Svg + "polyline"), p => (string?)p.Attribute("class") == "trend");
    }

    [Fact]
    public void TheTableRowsCarryTheSameFactsInTimeOrder()
    {
        var entries = CourseTimeline.Entries(MoveThenDispute());

        Assert.Equal(
            [TimelineEntryKind.LifeEvent, TimelineEntryKind.LifeEvent, TimelineEntryKind.Trigger, TimelineEntryKind.Onset,
             TimelineEntryKind.Phq9, TimelineEntryKind.Phq9, TimelineEntryKind.Phq9],
            entries.Select(e => e.Kind));
        Assert.Equal("A move: Moved to Berlin", entries[0].Text);
        Assert.Equal("Trigger in the formulation: Rows with Sam began", entries[2].Text);
        Assert.Equal("PHQ-9 19 (Moderately severe)", entries[4].Text, ignoreCase: true);
        Assert.Equal(entries.Select(e => e.Date).Order(), entries.Select(e => e.Date));
    }

    [Fact]
    public void ThePictureIsNamedAndDescribedInWords()
    {
        var svg = XElement.Parse(CourseTimeline.Render(MoveThenDispute(), "tl"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("tl-title tl-desc", (string?)svg.Attribute("aria-labelledby"));
        var desc = svg.Element(Svg + "desc")!.Value;
        Assert.StartsWith("A move in March 2025; A conflict or dispute in April 2025. Low mood began in May 2025. The formulation's trigger, Rows with Sam began, on 12 April 2025.", desc, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 from 19", desc, StringComparison.Ordinal);
    }

    [Fact]
    public void ATriggerWithMarkupIsEscaped()
    {
        var html = CourseTimeline.Render(MoveThenDispute("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Trigger: &lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNothingRecordedTheAxisStillRunsToTodayAndSaysThereAreNoScores()
    {
        var input = new CourseTimeline.Input([], null, null, null, null, new DateOnly(2025, 10, 20), TimeZoneInfo.Utc);

        var svg = XElement.Parse(CourseTimeline.Render(input));

        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "No PHQ-9 scores yet");
        Assert.Equal("Oct 2025", Classed(svg, "month-label").Last().Value);
        Assert.Empty(CourseTimeline.Entries(input));
        Assert.Equal("No life events recorded. When the low mood began was not given. No PHQ-9 answers yet.", svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void PhqNineDatesAreReadOnTheTherapistsCalendar()
    {
        var late = new DateTimeOffset(2025, 8, 31, 23, 30, 0, TimeSpan.Zero);
        var input = MoveThenDispute() with { Phq9 = Series(Phq9(12, late)), Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") };

        var entry = CourseTimeline.Entries(input).Single(e => e.Kind == TimelineEntryKind.Phq9);

        Assert.Equal(new DateOnly(2025, 9, 1), entry.Date);
        Assert.Equal("1 Sep 2025", entry.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
    }
}
