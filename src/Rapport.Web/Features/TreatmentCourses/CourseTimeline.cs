using System.Globalization;
using System.Net;
using System.Text;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.TreatmentCourses;

public enum TimelineEntryKind
{
    LifeEvent = 0,
    Onset = 1,
    Trigger = 2,
    Phq9 = 3,
}

/// <summary>One row of the timeline's table: what happened when. Life events and the onset are known to the month only.</summary>
public sealed record TimelineEntry(DateOnly Date, bool MonthOnly, TimelineEntryKind Kind, string Text);

/// <summary>
/// The IPT course timeline: the life events from the intake, the month the low mood began, the trigger
/// event of the formulation and the PHQ-9 totals on ONE time axis, so the link between an interpersonal event and the
/// mood is visible in one picture. It builds on the intake's <see cref="LifeEventTimeline"/> (its label stacking and
/// its description) and the progress chart's PHQ-9 bands and description; drawn on the server with no script or style
/// attribute, one image with a title and a description, and the same facts as <see cref="Entries"/> for the table.
/// </summary>
public static class CourseTimeline
{
    private const double Width = 720;
    private const double Left = 52;
    private const double Right = Width - 28;
    private const double CharWidth = 6.4;
    private const double PanelHeight = 150;
    private const int MaxTriggerLabel = 40;

    private const string Ink = "#1d2a33";
    private const string Muted = "#3d4b55";
    private const string EventColour = "#1f5f7a";
    private const string OnsetColour = "#a3261b";
    private const string TriggerColour = "#7a3408";
    private const string ScoreColour = "#1d2a33";

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>What the timeline is drawn from. PHQ-9 dates are read on <paramref name="Zone"/>'s calendar; the axis runs on to <paramref name="Today"/>.</summary>
    public sealed record Input(IReadOnlyList<LifeEvent> Events, DateOnly? LowMoodSince, DateOnly? TriggerDate, string? TriggerEvent,
        MeasurementSeries? Phq9, DateOnly Today, TimeZoneInfo Zone);

    /// <summary>Everything on the timeline in the order it happened; on the same day a life event comes before the onset, the trigger and a score.</summary>
    public static IReadOnlyList<TimelineEntry> Entries(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entries = new List<TimelineEntry>();
        entries.AddRange(input.Events.Select(e => new TimelineEntry(e.Month, true, TimelineEntryKind.LifeEvent,
            LifeEvent.Describe(e.Kind) + (e.Description is null ? "" : $": {e.Description}"))));
        if (input.LowMoodSince is { } onset)
        {
            entries.Add(new(onset, true, TimelineEntryKind.Onset, "Low mood began"));
        }
        if (input.TriggerDate is { } trigger)
        {
            entries.Add(new(trigger, false, TimelineEntryKind.Trigger, "Trigger in the formulation" + (input.TriggerEvent is { } t ? $": {t}" : "")));
        }
        if (input.Phq9 is { } phq9)
        {
            entries.AddRange(phq9.Points.Select(p => new TimelineEntry(Day(p.SubmittedAt, input.Zone), false, TimelineEntryKind.Phq9,
                p.Total is { } total ? $"PHQ-9 {total} ({phq9.Instrument.BandFor(total)?.Label ?? "no band"})" : "PHQ-9 incomplete: no score")));
        }
        return [.. entries.OrderBy(e => e.Date).ThenBy(e => e.Kind)];
    }

    public static string Render(Input input, string id = "course-timeline")
    {
        ArgumentNullException.ThrowIfNull(input);
        var scores = (input.Phq9?.Points ?? []).Where(p => p.Total is not null).OrderBy(p => p.SubmittedAt)
            .Select(p => (Date: Day(p.SubmittedAt, input.Zone), Total: p.Total!.Value)).ToList();
        var dates = input.Events.Select(e => e.Month).Concat(scores.Select(s => s.Date)).ToList();
        if (input.LowMoodSince is { } o)
        {
            dates.Add(o);
        }
        if (input.TriggerDate is { } td)
        {
            dates.Add(td);
        }
        var last = dates.Count == 0 ? input.Today : new[] { dates.Max(), input.Today }.Max();
        var firstMonth = FirstOfMonth(dates.Count == 0 ? last : dates.Min()).AddMonths(-1);
        var first = new[] { firstMonth, FirstOfMonth(last).AddMonths(-6) }.Min();
        var span = Math.Max(1, last.DayNumber - first.DayNumber);
        double X(DateOnly d) => Left + ((d.DayNumber - first.DayNumber) / (double)span * (Right - Left));

        // The labels above the axis: each life event, and the trigger (in its own colour), stacked where they would overlap.
        var labelled = input.Events.OrderBy(e => e.Month)
            .Select(e => (X: X(e.Month), Text: LifeEvent.Describe(e.Kind), Trigger: false)).ToList();
        if (input.TriggerDate is { } triggerDate)
        {
            labelled.Add((X(triggerDate), "Trigger: " + Shorten(input.TriggerEvent ?? "in the formulation", MaxTriggerLabel), true));
            labelled = [.. labelled.OrderBy(l => l.X)];
        }
        var centres = labelled.Select(l => Clamp(l.X, l.Text)).ToList();
        var levels = LifeEventTimeline.Levels([.. labelled.Select((l, i) => (centres[i], l.Text.Length * CharWidth))]);
        var levelCount = levels.Count == 0 ? 1 : levels.Max() + 1;
        var axisY = 44 + ((levelCount - 1) * 22);
        var onsetLabelY = axisY + 24;
        var panelTop = axisY + 44;
        var panelBottom = panelTop + PanelHeight;
        var monthLabelY = panelBottom + 18;
        var legendY = monthLabelY + 30;
        var height = legendY + 18;
        var instrument = input.Phq9?.Instrument ?? InstrumentCatalog.Phq9Instrument;
        var max = Math.Max(1, instrument.MaxTotal);
        double Y(double score) => panelBottom - (Math.Clamp(score, 0, max) / max * PanelHeight);

        var svg = new StringBuilder();
        svg.Append(English, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {N(height)}\" class=\"chart course-timeline\" role=\"img\" ")
            .Append(English, $"aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
        svg.Append(English, $"<title id=\"{Encode(id)}-title\">Life events, the start of low mood and the PHQ-9 over time</title>");
        svg.Append(English, $"<desc id=\"{Encode(id)}-desc\">{Encode(Describe(input))}</desc>");

        // The PHQ-9 panel: its severity bands, ticks where they begin, then the axis of months under it.
        var worst = instrument.Bands.Count == 0 ? 1 : instrument.Bands.Max(b => b.Rank);
        foreach (var band in instrument.Bands)
        {
            var top = Y(Math.Min(max, band.Max + 0.5));
            var bottom = Y(band.Min == 0 ? 0 : band.Min - 0.5);
            svg.Append(English, $"<rect class=\"band band-{band.Rank}\" x=\"{N(Left)}\" y=\"{N(top)}\" width=\"{N(Right - Left)}\" height=\"{N(bottom - top)}\" fill=\"{ProgressChart.Tint(band, worst)}\"/>");
        }
        foreach (var tick in instrument.Bands.Select(b => b.Min).Append(0).Append(instrument.MaxTotal).Distinct().Order())
        {
            svg.Append(English, $"<text class=\"tick\" x=\"{N(Left - 6)}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\" font-size=\"10\" fill=\"{Muted}\">{tick}</text>");
        }
        svg.Append(English, $"<text class=\"axis-title\" x=\"{N(Left)}\" y=\"{N(panelTop - 6)}\" font-size=\"11\" fill=\"{Muted}\">{Encode(instrument.ShortName)} score (higher is worse)</text>");
        svg.Append(English, $"<path class=\"axis\" d=\"M{N(Left)} {N(panelTop)}V{N(panelBottom)}H{N(Right)}\" fill=\"none\" stroke=\"{Muted}\" stroke-width=\"1\"/>");
        var months = ((last.Year * 12) + last.Month) - ((first.Year * 12) + first.Month);
        var step = new[] { 1, 2, 3, 6, 12, 24 }.First(s => months / s <= 6 || s == 24);
        var index = 0;
        for (var m = first; m <= last; m = m.AddMonths(1), index++)
        {
            var x = X(m);
            svg.Append(English, $"<line class=\"month\" x1=\"{N(x)}\" y1=\"{N(panelBottom)}\" x2=\"{N(x)}\" y2=\"{N(panelBottom + 4)}\" stroke=\"{Muted}\" stroke-width=\"1\"/>");
            if (index % step == 0)
            {
                var name = m.ToString("MMM yyyy", English);
                svg.Append(English, $"<text class=\"month-label\" x=\"{N(Clamp(x, name))}\" y=\"{N(monthLabelY)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Muted}\">{name}</text>");
            }
        }
        if (scores.Count == 0)
        {
            svg.Append(English, $"<text class=\"no-scores\" x=\"{N((Left + Right) / 2)}\" y=\"{N((panelTop + panelBottom) / 2)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Muted}\">No PHQ-9 scores yet</text>");
        }

        // The line of events above the panel.
        svg.Append(English, $"<line class=\"event-axis\" x1=\"{N(Left)}\" y1=\"{N(axisY)}\" x2=\"{N(Right)}\" y2=\"{N(axisY)}\" stroke=\"{Muted}\" stroke-width=\"1.5\"/>");

        // The onset: a dashed line from the events down through the scores, so what came before and after is plain.
        if (input.LowMoodSince is { } onset)
        {
            var x = X(onset);
            svg.Append(English, $"<line class=\"onset\" x1=\"{N(x)}\" y1=\"{N(axisY)}\" x2=\"{N(x)}\" y2=\"{N(panelBottom)}\" stroke=\"{OnsetColour}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>");
            var label = $"Low mood began ({onset.ToString("MMM yyyy", English)})";
            svg.Append(English, $"<text class=\"onset-label\" x=\"{N(Clamp(x, label))}\" y=\"{N(onsetLabelY)}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"{OnsetColour}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{Encode(label)}</text>");
        }

        if (scores.Count >= 2)
        {
            svg.Append("<polyline class=\"trend\" points=\"")
                .AppendJoin(' ', scores.Select(s => $"{N(X(s.Date))},{N(Y(s.Total))}"))
                .Append(English, $"\" fill=\"none\" stroke=\"{ScoreColour}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>");
        }
        for (var i = 0; i < scores.Count; i++)
        {
            var (date, total) = scores[i];
            svg.Append(English, $"<circle class=\"score\" cx=\"{N(X(date))}\" cy=\"{N(Y(total))}\" r=\"4.5\" fill=\"{ScoreColour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
            // The first and the latest total are written beside their points.
            if (i == 0 || i == scores.Count - 1)
            {
                svg.Append(English, $"<text class=\"score-label\" x=\"{N(X(date))}\" y=\"{N(Y(total) - 9)}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"{Ink}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{total}</text>");
            }
        }

        // Stems first, then markers and words over them, so no stem runs through a label.
        for (var i = 0; i < labelled.Count; i++)
        {
            var (x, _, trigger) = labelled[i];
            var labelY = axisY - 22 - (levels[i] * 22);
            svg.Append(English, $"<line class=\"{(trigger ? "trigger-stem" : "event-stem")}\" x1=\"{N(x)}\" y1=\"{N(axisY - 6)}\" x2=\"{N(x)}\" y2=\"{N(labelY + 4)}\" stroke=\"{(trigger ? TriggerColour : EventColour)}\" stroke-width=\"1\"/>");
        }
        for (var i = 0; i < labelled.Count; i++)
        {
            var (x, text, trigger) = labelled[i];
            var labelY = axisY - 22 - (levels[i] * 22);
            svg.Append(trigger
                ? string.Create(English, $"<path class=\"trigger\" d=\"M{N(x)} {N(axisY - 8)}L{N(x + 8)} {N(axisY + 6)}L{N(x - 8)} {N(axisY + 6)}Z\" fill=\"{TriggerColour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>")
                : string.Create(English, $"<circle class=\"event\" cx=\"{N(x)}\" cy=\"{N(axisY)}\" r=\"6\" fill=\"{EventColour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"));
            svg.Append(English, $"<text class=\"{(trigger ? "trigger-label" : "event-label")}\" x=\"{N(centres[i])}\" y=\"{N(labelY)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{(trigger ? TriggerColour : Ink)}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{Encode(text)}</text>");
        }
        // Drawn last, so an event in the same month does not hide it.
        if (input.LowMoodSince is { } since)
        {
            var x = X(since);
            svg.Append(English, $"<path class=\"onset-marker\" d=\"M{N(x)} {N(axisY - 9)}L{N(x + 9)} {N(axisY)}L{N(x)} {N(axisY + 9)}L{N(x - 9)} {N(axisY)}Z\" fill=\"{OnsetColour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
        }

        Legend(svg, legendY, input.TriggerDate is not null, input.LowMoodSince is not null, scores.Count > 0);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The sentence a screen reader hears: the intake's events and onset, the trigger, and the PHQ-9 in words.</summary>
    public static string Describe(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = new StringBuilder(LifeEventTimeline.Describe(input.Events, input.LowMoodSince));
        if (input.TriggerDate is { } trigger)
        {
            text.Append(English, $" The formulation's trigger{(input.TriggerEvent is { } t ? $", {t}," : "")} on {trigger.ToString("d MMMM yyyy", English)}.");
        }
        text.Append(' ').Append(input.Phq9 is { } phq9 ? ProgressChart.Describe(phq9, 0, input.Zone) : "No PHQ-9 answers yet.");
        return text.ToString();
    }

    private static void Legend(StringBuilder svg, double y, bool trigger, bool onset, bool scores)
    {
        var x = Left;
        void Item(string symbol, string label)
        {
            svg.Append(symbol);
            svg.Append(English, $"<text class=\"legend\" x=\"{N(x + 20)}\" y=\"{N(y + 4)}\" font-size=\"11\" fill=\"{Muted}\">{Encode(label)}</text>");
            x += 20 + (label.Length * 6.2) + 16;
        }
        Item(string.Create(English, $"<circle class=\"legend-symbol\" cx=\"{N(x + 8)}\" cy=\"{N(y)}\" r=\"6\" fill=\"{EventColour}\"/>"), "Life event");
        if (trigger)
        {
            Item(string.Create(English, $"<path class=\"legend-symbol\" d=\"M{N(x + 8)} {N(y - 7)}L{N(x + 15)} {N(y + 6)}L{N(x + 1)} {N(y + 6)}Z\" fill=\"{TriggerColour}\"/>"), "Trigger");
        }
        if (onset)
        {
            Item(string.Create(English, $"<path class=\"legend-symbol\" d=\"M{N(x + 8)} {N(y - 7)}L{N(x + 15)} {N(y)}L{N(x + 8)} {N(y + 7)}L{N(x + 1)} {N(y)}Z\" fill=\"{OnsetColour}\"/>"), "Low mood began");
        }
        if (scores)
        {
            Item(string.Create(English, $"<line class=\"legend-symbol\" x1=\"{N(x)}\" y1=\"{N(y)}\" x2=\"{N(x + 16)}\" y2=\"{N(y)}\" stroke=\"{ScoreColour}\" stroke-width=\"2.5\"/>"), "PHQ-9 total");
        }
    }

    private static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    /// <summary>Keeps a centred label inside the drawing.</summary>
    private static double Clamp(double x, string label)
    {
        var half = (label.Length * CharWidth / 2) + 2;
        return Math.Clamp(x, half + 2, Width - half - 2);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", English);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
