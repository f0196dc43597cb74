using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

public sealed partial class ProgressChartTests
{
    private static readonly DateTimeOffset Start = new(2025, 9, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Sessions at <paramref name="times"/>, numbered S1, S2… as a course numbers them.</summary>
    private static List<SessionMark> Sessions(IEnumerable<DateTimeOffset> times) =>
        [.. times.Select((t, i) => new SessionMark(t, string.Create(CultureInfo.InvariantCulture, $"S{i + 1}")))];

    /// <summary>A PHQ-9 whose items 1–9 add up to <paramref name="total"/> (null: item 1 left blank, so no total).</summary>
    private static MeasurePoint Phq9(int? total, DateTimeOffset at)
    {
        var answers = new int?[10];
        var left = total ?? 8;
        for (var i = 0; i < 9; i++)
        {
            answers[i] = Math.Min(3, left);
            left -= answers[i]!.Value;
        }
        answers[9] = 1;
        if (total is null)
        {
            answers[0] = null;
        }
        return MeasurePoint.Of(AssessmentResponse.Record(Guid.Empty, Guid.Empty, InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, answers), Guid.NewGuid(), at));
    }

    private static MeasurementSeries Series(Instrument instrument, params MeasurePoint[] points)
    {
        var complete = points.Where(p => p.Total is not null).ToList();
        var change = complete.Count >= 2 ? MeasureChange.Compare(instrument, complete[0].Total!.Value, complete[^1].Total!.Value) : null;
        return new MeasurementSeries(instrument, points, change);
    }

    private static MeasurementSeries FromSevereToMild() => Series(InstrumentCatalog.Phq9Instrument,
        Phq9(21, Start), Phq9(17, Start.AddDays(7)), Phq9(null, Start.AddDays(14)), Phq9(12, Start.AddDays(21)), Phq9(7, Start.AddDays(49)));

    private static XElement Parse(string svg) => XElement.Parse(svg);

    [Fact]
    public void TheChartIsOneNamedAndDescribedImageThatScalesWithItsViewBox()
    {
        var svg = Parse(ProgressChart.Render(FromSevereToMild(), id: "phq"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("phq-title phq-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.NotNull(svg.Attribute("viewBox"));
        Assert.Null(svg.Attribute("width"));
        Assert.Equal("PHQ-9 over time", svg.Element(Svg + "title")!.Value);
        Assert.Equal("phq-title", (string?)svg.Element(Svg + "title")!.Attribute("id"));
        Assert.Equal("phq-desc", (string?)svg.Element(Svg + "desc")!.Attribute("id"));
    }

    [Fact]
    public void TheDescriptionSaysWhereTheScoreStartedWhereItIsAndWhatChanged()
    {
        var desc = Parse(ProgressChart.Render(FromSevereToMild(), Sessions([Start.AddDays(1), Start.AddDays(8)]))).Element(Svg + "desc")!.Value;

        Assert.StartsWith("PHQ-9 from 21 (Severe) on 3 Sep 2025 to 7 (Mild) on 22 Oct 2025: response, reliable improvement.", desc, StringComparison.Ordinal);
        Assert.Contains("5 measures, 1 incomplete (no total).", desc, StringComparison.Ordinal);
        Assert.Contains("2 sessions marked.", desc, StringComparison.Ordinal);
        Assert.Contains("Moderately severe 15–19", desc, StringComparison.Ordinal);
    }

    [Fact]
    public void EachSeverityBandIsShadedAndLabelled()
    {
        var svg = Parse(ProgressChart.Render(FromSevereToMild()));

        var bands = svg.Elements(Svg + "rect").Where(r => ((string?)r.Attribute("class"))?.StartsWith("band", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(5, bands.Count);
        Assert.All(bands, b => Assert.NotNull(b.Attribute("fill")));
        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "band-label").Select(t => t.Value);
        Assert.Equal(["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"], labels);
    }

    [Fact]
    public void TheBaselineIsADashedLineAtTheFirstCompleteTotal()
    {
        var svg = Parse(ProgressChart.Render(FromSevereToMild()));

        var baseline = Assert.Single(svg.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "baseline");
        Assert.NotNull(baseline.Attribute("stroke-dasharray"));
        Assert.Equal((string?)baseline.Attribute("y1"), (string?)baseline.Attribute("y2"));
        var first = svg.Elements(Svg + "circle").First(c => ((string?)c.Attribute("class"))?.StartsWith("point", StringComparison.Ordinal) == true);
        Assert.Equal((string?)first.Attribute("cy"), (string?)baseline.Attribute("y1"));
        Assert.Contains(svg.Elements(Svg + "text"), t => (string?)t.Attribute("class") == "baseline-label" && t.Value == "Baseline");
    }

    [Fact]
    public void EveryCompleteTotalIsAPointOnTheLineAndTheIncompleteOneIsMarkedWithoutAValue()
    {
        var svg = Parse(ProgressChart.Render(FromSevereToMild()));

        var points = svg.Elements(Svg + "circle").Where(c => ((string?)c.Attribute("class"))?.StartsWith("point", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, points.Count);
        var line = Assert.Single(svg.Elements(Svg + "polyline"));
        Assert.Equal(4, ((string)line.Attribute("points")!).Split(' ').Length);
        var incomplete = Assert.Single(svg.Elements(Svg + "path"), p => (string?)p.Attribute("class") == "incomplete");
        Assert.DoesNotContain(points, p => (string?)p.Attribute("cx") == XOf(incomplete));
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "Incomplete, no total");
    }

    [Fact]
    public void LaterPointsAreFurtherRightAndLowerTotalsAreDrawnLower()
    {
        var svg = Parse(ProgressChart.Render(FromSevereToMild()));

        var points = svg.Elements(Svg + "circle").Where(c => ((string?)c.Attribute("class"))?.StartsWith("point", StringComparison.Ordinal) == true)
            .Select(c => (X: double.Parse((string)c.Attribute("cx")!, CultureInfo.InvariantCulture),
                Y: double.Parse((string)c.Attribute("cy")!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(points.OrderBy(p => p.X), points);
        // SVG's y grows downwards: a falling score climbs down the picture.
        Assert.Equal(points.OrderBy(p => p.Y), points);
    }

    [Fact]
    public void TheChangeLabelsStandBesideTheLatestPoint()
    {
        var svg = Parse(ProgressChart.Render(FromSevereToMild()));

        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "change-label").Select(t => t.Value);
        Assert.Equal(["Response", "Reliable improvement"], labels);
    }

    [Theory]
    [InlineData("falling to mild, latest at the right edge")]
    [InlineData("remission, latest at the bottom")]
    [InlineData("worsening to the maximum, latest at the top")]
    [InlineData("sessions booked months ahead, latest left of centre")]
    public void TheLatestTotalAndItsChangeLabelsLieInsideTheViewBoxSoTheyScaleWithTheChart(string shape)
    {
        var (series, sessions) = shape switch
        {
            "falling to mild, latest at the right edge" => (FromSevereToMild(), new List<SessionMark>()),
            "remission, latest at the bottom" => (Series(InstrumentCatalog.Phq9Instrument, Phq9(18, Start), Phq9(0, Start.AddDays(56))), []),
            "worsening to the maximum, latest at the top" => (Series(InstrumentCatalog.Phq9Instrument, Phq9(5, Start), Phq9(27, Start.AddDays(56))), []),
            _ => (FromSevereToMild(), Sessions([Start.AddDays(150)])),
        };

        var svg = Parse(ProgressChart.Render(series, sessions));

        // No size of its own: the page's box decides it, and everything drawn is inside the viewBox.
        Assert.Null(svg.Attribute("width"));
        Assert.Null(svg.Attribute("height"));
        var box = ((string)svg.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var (width, height) = (box[2], box[3]);
        var latest = svg.Elements(Svg + "circle").Single(c => (string?)c.Attribute("class") == "point latest");
        Assert.InRange(Number(latest, "cx"), 0, width);
        Assert.InRange(Number(latest, "cy"), 0, height);
        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "change-label").ToList();
        Assert.NotEmpty(labels);
        foreach (var label in labels)
        {
            // A generous advance of 0.65 em a character for bold system-ui, so a label passing here fits in any browser.
            var (x, y, size) = (Number(label, "x"), Number(label, "y"), Number(label, "font-size"));
            var extent = label.Value.Length * size * 0.65;
            var (left, right) = (string?)label.Attribute("text-anchor") == "end" ? (x - extent, x) : (x, x + extent);
            Assert.InRange(left, 0, width);
            Assert.InRange(right, 0, width);
            Assert.InRange(y - size, 0, height);
            Assert.InRange(y, 0, height);
        }
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void RemissionIsLabelledWhenTheLatestTotalIsBelowFive()
    {
        var series = Series(InstrumentCatalog.Phq9Instrument, Phq9(18, Start), Phq9(4, Start.AddDays(56)));

        var labels = Parse(ProgressChart.Render(series)).Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "change-label").Select(t => t.Value);

        Assert.Equal(["Remission", "Response", "Reliable improvement"], labels);
    }

    [Fact]
    public void SessionsAreThinLinesLabelledSparselyFromS1()
    {
        var sessions = Sessions(Enumerable.Range(0, 40).Select(i => Start.AddDays(1 + i)));

        var svg = Parse(ProgressChart.Render(FromSevereToMild(), sessions));

        Assert.Equal(40, svg.Elements(Svg + "line").Count(l => (string?)l.Attribute("class") == "session"));
        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "session-label").Select(t => t.Value).ToList();
        Assert.Equal("S1", labels[0]);
        // About 11 px apart: one label in three fits.
        Assert.InRange(labels.Count, 5, 20);
    }

    [Fact]
    public void EachSessionIsLabelledAsItsCourseNumbersItAndTheFirstConversationIsA()
    {
        SessionMark[] sessions = [new(Start.AddDays(1), "A"), new(Start.AddDays(15), "S1"), new(Start.AddDays(29), "S2"), new(Start.AddDays(43), "M1")];

        var svg = Parse(ProgressChart.Render(FromSevereToMild(), sessions));

        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "session-label").Select(t => t.Value).ToList();
        Assert.Equal(["A", "S1", "S2", "M1"], labels);
    }

    [Fact]
    public void ASingleMeasureHasNoLineAndNoChangeLabels()
    {
        var svg = Parse(ProgressChart.Render(Series(InstrumentCatalog.Phq9Instrument, Phq9(12, Start))));

        Assert.Empty(svg.Elements(Svg + "polyline"));
        Assert.DoesNotContain(svg.Elements(Svg + "text"), t => (string?)t.Attribute("class") == "change-label");
        Assert.StartsWith("PHQ-9: one total so far, 12 (Moderate) on 3 Sep 2025.", svg.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFromTheInstrumentIsEncoded()
    {
        var odd = InstrumentCatalog.Phq9Instrument with
        {
            ShortName = "<script>alert(1)</script>",
            Bands = [new SeverityBand(0, 13, "Low & \"calm\"", 0), new SeverityBand(14, 27, "<b>High</b>", 1)],
        };
        var scored = InstrumentScoring.Score(odd, [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
        var series = new MeasurementSeries(odd, [MeasurePoint.Of(AssessmentResponse.Record(Guid.Empty, Guid.Empty, scored, Guid.NewGuid(), Start))], null);

        var markup = ProgressChart.Render(series, id: "x\"><script>");

        Assert.DoesNotContain("<script>", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; over time", markup, StringComparison.Ordinal);
        Assert.Contains("Low &amp; &quot;calm&quot;", markup, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script> over time", Parse(markup).Element(Svg + "title")!.Value);
    }

    [Fact]
    public void NoElementCarriesAStyleAttributeOrScript()
    {
        var markup = ProgressChart.Render(FromSevereToMild(), Sessions([Start.AddDays(1)]));

        Assert.DoesNotMatch(StyleOrScript(), markup);
        Assert.DoesNotContain(Parse(markup).Descendants(), e => e.Attribute("style") is not null);
    }

    [Fact]
    public void TheTableRowsGiveEachMeasureWithItsChangeFromBaseline()
    {
        var rows = ProgressChart.Rows(FromSevereToMild());

        Assert.Equal(5, rows.Count);
        Assert.True(rows[0].IsBaseline);
        Assert.Null(rows[0].ChangeFromBaseline);
        Assert.Equal(-4, rows[1].ChangeFromBaseline);
        Assert.False(rows[2].Complete);
        Assert.Null(rows[2].Total);
        Assert.Null(rows[2].Band);
        Assert.Equal(-14, rows[4].ChangeFromBaseline);
        Assert.Equal("Mild", rows[4].Band);
        Assert.Equal(["Response", "Reliable improvement"], rows[4].Labels);
    }

    private static string? XOf(XElement diamond) => ((string)diamond.Attribute("d")!)[1..].Split(' ')[0];

    [GeneratedRegex("style=|<script", RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrScript();
}
