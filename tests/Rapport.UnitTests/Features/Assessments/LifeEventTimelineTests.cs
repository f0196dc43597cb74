using System.Xml.Linq;
using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

public sealed class LifeEventTimelineTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static LifeEvent Event(LifeEventKind kind, int year, int month, string? description = null) =>
        LifeEvent.Record(Guid.Empty, kind, new DateOnly(year, month, 1), description, Guid.Empty, Now);

    private static readonly LifeEvent[] MoveAndJobLoss =
    [
        Event(LifeEventKind.Move, 2025, 3),
        Event(LifeEventKind.Other, 2025, 5, "Lost my job"),
        Event(LifeEventKind.Separation, 2025, 5),
    ];

    [Fact]
    public void EachEventIsALabelledMarkerAndTheOnsetIsADistinctMarker()
    {
        var svg = XElement.Parse(LifeEventTimeline.Render(MoveAndJobLoss, new DateOnly(2025, 6, 1), new DateOnly(2025, 10, 20)));

        Assert.Equal(3, svg.Elements(Svg + "circle").Count(c => (string?)c.Attribute("class") == "event"));
        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "event-label").Select(t => t.Value);
        Assert.Equal(["A move", "Another change", "A separation or break-up"], labels);
        Assert.Single(svg.Elements(Svg + "path"), p => (string?)p.Attribute("class") == "onset-marker");
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "Low mood began (Jun 2025)");
    }

    [Fact]
    public void EventsInTheSameMonthGetLabelsAtDifferentHeights()
    {
        var svg = XElement.Parse(LifeEventTimeline.Render(MoveAndJobLoss, null, new DateOnly(2025, 10, 20)));

        var may = svg.Elements(Svg + "text").Where(t => t.Value is "Another change" or "A separation or break-up").Select(t => (string?)t.Attribute("y")).ToList();
        Assert.Equal(2, may.Distinct().Count());
    }

    [Fact]
    public void TheTimelineIsNamedAndDescribedInWords()
    {
        var svg = XElement.Parse(LifeEventTimeline.Render(MoveAndJobLoss, new DateOnly(2025, 6, 1), new DateOnly(2025, 10, 20), "patient-events"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("patient-events-title patient-events-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Life events and the start of low mood", svg.Element(Svg + "title")!.Value);
        Assert.Equal("A move in March 2025; Another change in May 2025; A separation or break-up in May 2025. Low mood began in June 2025.",
            svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void MonthsAreLabelledAlongTheAxisUpToToday()
    {
        var svg = XElement.Parse(LifeEventTimeline.Render(MoveAndJobLoss, new DateOnly(2025, 6, 1), new DateOnly(2025, 10, 20)));

        var months = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "month-label").Select(t => t.Value).ToList();
        Assert.Equal("Feb 2025", months[0]);
        Assert.Equal("Oct 2025", months[^1]);
    }

    [Fact]
    public void WithoutAnOnsetTheDescriptionSaysSoAndNoOnsetIsDrawn()
    {
        var svg = XElement.Parse(LifeEventTimeline.Render([Event(LifeEventKind.Death, 2024, 11)], null, new DateOnly(2025, 10, 20)));

        Assert.DoesNotContain(svg.Elements(Svg + "path"), p => (string?)p.Attribute("class") == "onset-marker");
        Assert.EndsWith("When the low mood began was not given.", svg.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }
}
