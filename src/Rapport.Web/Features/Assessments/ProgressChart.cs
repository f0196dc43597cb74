using System.Globalization;
using System.Net;
using System.Text;

namespace Rapport.Web.Features.Assessments;

/// <summary>One row of the table that carries the same data as the chart.</summary>
public sealed record ProgressRow(DateTimeOffset At, bool Complete, int? Total, string? Band, bool IsBaseline, int? ChangeFromBaseline,
    IReadOnlyList<string> Labels);

/// <summary>
/// One instrument's measures over time as an SVG, drawn on the server (Assessments readme, rule 14): band shading, the baseline,
/// the totals, incomplete answers, session markers and the change labels at the latest point. No script and no
/// style attribute (the CSP refuses both): colours are SVG presentation attributes, hooks are classes. The picture
/// is one image to assistive technology (role="img"), named by its title and described by a sentence that says what
/// a sighted reader takes from it; the page shows the same data as a table beside it.
/// </summary>
public static class ProgressChart
{
    // Drawing units of the viewBox: the SVG has no width or height of its own and scales to its container.
    private const double Width = 640;
    private const double Height = 330;
    private const double PlotLeft = 44;
    // The band labels stand in the margin to the right, clear of the latest point.
    private const double PlotRight = Width - 112;
    private const double PlotTop = 30;
    private const double PlotBottom = 250;
    private const double DateLabelY = 268;
    private const double LegendY = 306;

    // Light tints from least to most severe: the ink, the data line and every label keep a contrast of 7:1 or more on each.
    private static readonly string[] BandFills = ["#e5f2e8", "#eff3dc", "#fbefd8", "#fbe2d4", "#f8d8d8"];
    private const string Ink = "#1d2a33";
    private const string Muted = "#3d4b55";
    private const string Line = "#1f5f7a";
    private const string SessionLine = "#5d6d78";

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>
    /// The chart of <paramref name="series"/>. <paramref name="sessions"/> are the patient's past sessions, each with its
    /// label. Dates are shown on <paramref name="zone"/>'s calendar (UTC when none).
    /// <paramref name="id"/> prefixes the ids of the title and description, so several charts can share a page.
    /// </summary>
    public static string Render(MeasurementSeries series, IReadOnlyList<SessionMark>? sessions = null, TimeZoneInfo? zone = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        sessions ??= [];
        zone ??= TimeZoneInfo.Utc;
        var instrument = series.Instrument;
        var chartId = id ?? $"chart-{instrument.Id}";
        var max = Math.Max(instrument.MaxTotal, 1);
        var points = series.Points.OrderBy(p => p.SubmittedAt).ToList();
        var complete = points.Where(p => p.Total is not null).ToList();

        var (start, end) = Domain(points.Select(p => p.SubmittedAt).Concat(sessions.Select(s => s.At)));
        double X(DateTimeOffset t) => PlotLeft + ((t - start).TotalSeconds / (end - start).TotalSeconds * (PlotRight - PlotLeft));
        double Y(double value) => PlotBottom - (Math.Clamp(value, 0, max) / max * (PlotBottom - PlotTop));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" class=\"chart progress-chart\" role=\"img\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-labelledby=\"{Attr(chartId)}-title {Attr(chartId)}-desc\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Attr(chartId)}-title\">{Text(instrument.ShortName)} over time</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{Attr(chartId)}-desc\">{Text(Describe(series, sessions.Count(s => s.At >= start && s.At <= end), zone))}</desc>");

        // Bands: each integer range owns the half-points around it, so a total on a boundary sits inside its own band.
        var worstRank = Math.Max(1, instrument.Bands.Count == 0 ? 1 : instrument.Bands.Max(b => b.Rank));
        foreach (var band in instrument.Bands)
        {
            var top = Y(Math.Min(max, band.Max + 0.5));
            var bottom = Y(band.Min == 0 ? 0 : band.Min - 0.5);
            var tint = Tint(band, worstRank);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"band band-{band.Rank}\" x=\"{N(PlotLeft)}\" y=\"{N(top)}\" width=\"{N(PlotRight - PlotLeft)}\" height=\"{N(bottom - top)}\" fill=\"{tint}\"/>");
            var lines = Wrap(band.Label, 17);
            if (bottom - top >= 12 * lines.Count)
            {
                var firstY = ((top + bottom) / 2) + 4 - ((lines.Count - 1) * 6);
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"band-label\" x=\"{N(PlotRight + 6)}\" y=\"{N(firstY)}\" font-size=\"11\" fill=\"{Muted}\">");
                for (var l = 0; l < lines.Count; l++)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{N(PlotRight + 6)}\" dy=\"{(l == 0 ? 0 : 12)}\">{Text(lines[l])}</tspan>");
                }
                svg.Append("</text>");
            }
        }

        // The score axis, ticked where the bands begin.
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-title\" x=\"4\" y=\"{N(PlotTop - 14)}\" font-size=\"11\" fill=\"{Muted}\">Score</text>");
        foreach (var tick in instrument.Bands.Select(b => b.Min).Append(0).Append(instrument.MaxTotal).Where(v => v >= 0 && v <= max).Distinct().Order())
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(PlotLeft - 6)}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"{Muted}\">{tick}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"axis\" d=\"M{N(PlotLeft)} {N(PlotTop)}V{N(PlotBottom)}H{N(PlotRight)}\" fill=\"none\" stroke=\"{Muted}\" stroke-width=\"1\"/>");

        // Dates: up to five, spread evenly, with the year once the span is long enough to need it.
        var format = (end - start).TotalDays > 300 ? "MMM yyyy" : "d MMM";
        for (var k = 0; k <= 4; k++)
        {
            var t = start + ((end - start) * k / 4);
            var anchor = k == 0 ? "start" : k == 4 ? "end" : "middle";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"date\" x=\"{N(X(t))}\" y=\"{N(DateLabelY)}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"{Muted}\">{Text(Local(t, zone).ToString(format, English))}</text>");
        }

        // Sessions: a thin line each, labelled only where the label fits beside the last one.
        var lastLabelX = double.NegativeInfinity;
        foreach (var session in sessions.OrderBy(s => s.At))
        {
            if (session.At < start || session.At > end)
            {
                continue;
            }
            var x = X(session.At);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"session\" x1=\"{N(x)}\" y1=\"{N(PlotTop)}\" x2=\"{N(x)}\" y2=\"{N(PlotBottom)}\" stroke=\"{SessionLine}\" stroke-width=\"1\"/>");
            if (x - lastLabelX >= 28)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"session-label\" x=\"{N(x)}\" y=\"{N(PlotTop - 6)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{Muted}\">{Text(session.Label)}</text>");
                lastLabelX = x;
            }
        }

        // The baseline: the first complete total, across the whole chart, so every later point reads against it.
        if (series.Baseline is { Total: { } baseline })
        {
            var y = Y(baseline);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"baseline\" x1=\"{N(PlotLeft)}\" y1=\"{N(y)}\" x2=\"{N(PlotRight)}\" y2=\"{N(y)}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            var labelY = y - 5 < PlotTop + 10 ? y + 14 : y - 5;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"baseline-label\" x=\"{N(PlotLeft + 4)}\" y=\"{N(labelY)}\" font-size=\"11\" fill=\"{Ink}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">Baseline</text>");
        }

        if (complete.Count >= 2)
        {
            svg.Append("<polyline class=\"trend\" points=\"")
                .AppendJoin(' ', complete.Select(p => $"{N(X(p.SubmittedAt))},{N(Y(p.Total!.Value))}"))
                .Append(CultureInfo.InvariantCulture, $"\" fill=\"none\" stroke=\"{Line}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>");
        }
        foreach (var p in complete)
        {
            var latest = p.Id == complete[^1].Id;
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"point{(latest ? " latest" : "")}\" cx=\"{N(X(p.SubmittedAt))}\" cy=\"{N(Y(p.Total!.Value))}\" r=\"{(latest ? 6 : 4.5).ToString(English)}\" fill=\"{Line}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
        }
        // An incomplete form has no total (docs/clinical/measures.md#phq-9): it is marked on the time line, never placed at a value.
        foreach (var p in points.Where(p => p.Total is null))
        {
            var (x, y) = (X(p.SubmittedAt), PlotBottom - 10);
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"incomplete\" d=\"M{N(x)} {N(y - 6)}L{N(x + 6)} {N(y)}L{N(x)} {N(y + 6)}L{N(x - 6)} {N(y)}Z\" fill=\"#ffffff\" stroke=\"{Ink}\" stroke-width=\"1.5\"/>");
        }

        // What changed from baseline to the latest total, written beside the latest point.
        if (series.Change is { } change && series.Latest is { Total: { } latestTotal } last)
        {
            var labels = change.Labels().ToList();
            var (x, y) = (X(last.SubmittedAt), Y(latestTotal));
            // On the side the line does not come from, so the words do not sit on it.
            var previous = complete.Count >= 2 ? Y(complete[^2].Total!.Value) : y;
            var roomAbove = y - 12 - (labels.Count * 15) > PlotTop;
            var roomBelow = y + 20 + ((labels.Count - 1) * 15) < PlotBottom - 2;
            var above = previous > y ? roomAbove || !roomBelow : !roomBelow;
            var anchor = x > (PlotLeft + PlotRight) / 2 ? "end" : "start";
            var dx = anchor == "end" ? -8 : 8;
            for (var i = 0; i < labels.Count; i++)
            {
                var ly = above ? y - 12 - ((labels.Count - 1 - i) * 15) : y + 20 + (i * 15);
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"change-label\" x=\"{N(x + dx)}\" y=\"{N(ly)}\" text-anchor=\"{anchor}\" font-size=\"12\" font-weight=\"600\" fill=\"{Ink}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{Text(labels[i])}</text>");
            }
        }

        Legend(svg, anyIncomplete: points.Count > complete.Count, anySessions: sessions.Any(s => s.At >= start && s.At <= end), hasBaseline: series.Baseline is not null);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The sentence a screen reader hears for the chart, and a summary for anyone.</summary>
    public static string Describe(MeasurementSeries series, int sessionCount, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        zone ??= TimeZoneInfo.Utc;
        var instrument = series.Instrument;
        var complete = series.Points.Where(p => p.Total is not null).ToList();
        var incomplete = series.Points.Count - complete.Count;
        var text = new StringBuilder();
        if (complete.Count >= 2 && series.Baseline is { } first && series.Latest is { } last)
        {
            text.Append(CultureInfo.InvariantCulture, $"{instrument.ShortName} from {first.Total} ({BandOf(instrument, first)}) on {Day(first.SubmittedAt, zone)} to {last.Total} ({BandOf(instrument, last)}) on {Day(last.SubmittedAt, zone)}");
            var labels = series.Change?.Labels().Select(l => l.ToLowerInvariant()).ToList() ?? [];
            text.Append(labels.Count > 0 ? $": {string.Join(", ", labels)}." : instrument.Change.ReliableChange is null ? "." : ": no reliable change.");
        }
        else if (complete.Count == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{instrument.ShortName}: one total so far, {complete[0].Total} ({BandOf(instrument, complete[0])}) on {Day(complete[0].SubmittedAt, zone)}.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"{instrument.ShortName}: no complete answers yet.");
        }
        text.Append(CultureInfo.InvariantCulture, $" {Count(series.Points.Count, "measure")}");
        if (incomplete > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {incomplete} incomplete (no total)");
        }
        text.Append('.');
        if (sessionCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {Count(sessionCount, "session")} marked.");
        }
        if (instrument.Bands.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Scale 0 to {instrument.MaxTotal}, higher is worse; bands: {string.Join(", ", instrument.Bands.Select(b => $"{b.Label} {b.Min}–{b.Max}"))}.");
        }
        return text.ToString();
    }

    /// <summary>The table rows: every measure, oldest first, with its change from the baseline where there is one.</summary>
    public static IReadOnlyList<ProgressRow> Rows(MeasurementSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var baselineId = series.Baseline?.Id;
        return [.. series.Points.OrderBy(p => p.SubmittedAt).Select(p =>
        {
            var change = series.ChangeAt(p);
            return new ProgressRow(p.SubmittedAt, p.Total is not null, p.Total, p.Total is null ? null : BandOf(series.Instrument, p), p.Id == baselineId,
                change?.Delta, change is null ? [] : [.. change.Labels()]);
        })];
    }

    /// <summary>The light tint of a band, from least to most severe (also used by the IPT course timeline).</summary>
    internal static string Tint(SeverityBand band, int worstRank) =>
        BandFills[Math.Clamp((int)Math.Round(band.Rank * 4.0 / Math.Max(1, worstRank)), 0, BandFills.Length - 1)];

    private static void Legend(StringBuilder svg, bool anyIncomplete, bool anySessions, bool hasBaseline)
    {
        var x = PlotLeft;
        void Item(string symbol, string label)
        {
            svg.Append(symbol);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"legend\" x=\"{N(x + 22)}\" y=\"{N(LegendY + 4)}\" font-size=\"11\" fill=\"{Muted}\">{Text(label)}</text>");
            x += 22 + (label.Length * 6.2) + 18;
        }
        Item($"<line class=\"legend-symbol\" x1=\"{N(x)}\" y1=\"{N(LegendY)}\" x2=\"{N(x + 16)}\" y2=\"{N(LegendY)}\" stroke=\"{Line}\" stroke-width=\"2.5\"/><circle class=\"legend-symbol\" cx=\"{N(x + 8)}\" cy=\"{N(LegendY)}\" r=\"4\" fill=\"{Line}\"/>", "Total score");
        if (hasBaseline)
        {
            Item($"<line class=\"legend-symbol\" x1=\"{N(x)}\" y1=\"{N(LegendY)}\" x2=\"{N(x + 16)}\" y2=\"{N(LegendY)}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>", "Baseline");
        }
        if (anyIncomplete)
        {
            Item($"<path class=\"legend-symbol\" d=\"M{N(x + 8)} {N(LegendY - 6)}L{N(x + 14)} {N(LegendY)}L{N(x + 8)} {N(LegendY + 6)}L{N(x + 2)} {N(LegendY)}Z\" fill=\"#ffffff\" stroke=\"{Ink}\" stroke-width=\"1.5\"/>", "Incomplete, no total");
        }
        if (anySessions)
        {
            Item($"<line class=\"legend-symbol\" x1=\"{N(x + 8)}\" y1=\"{N(LegendY - 8)}\" x2=\"{N(x + 8)}\" y2=\"{N(LegendY + 8)}\" stroke=\"{SessionLine}\" stroke-width=\"1\"/>", "Session");
        }
    }

    /// <summary>From the first to the last moment shown, at least a fortnight wide, with a little room at each end.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Domain(IEnumerable<DateTimeOffset> moments)
    {
        var all = moments.ToList();
        if (all.Count == 0)
        {
            var epoch = DateTimeOffset.UnixEpoch;
            return (epoch, epoch.AddDays(14));
        }
        var (first, last) = (all.Min(), all.Max());
        var minimum = TimeSpan.FromDays(14);
        if (last - first < minimum)
        {
            var middle = first + ((last - first) / 2);
            (first, last) = (middle - (minimum / 2), middle + (minimum / 2));
        }
        var pad = (last - first) * 0.04;
        return (first - pad, last + pad);
    }

    /// <summary>Splits a label into lines of at most <paramref name="width"/> characters, at spaces.</summary>
    private static List<string> Wrap(string label, int width)
    {
        var lines = new List<string>();
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lines.Count > 0 && lines[^1].Length + 1 + word.Length <= width)
            {
                lines[^1] += " " + word;
            }
            else
            {
                lines.Add(word);
            }
        }
        return lines;
    }

    private static string BandOf(Instrument instrument, MeasurePoint point) =>
        point.Band ?? (point.Total is { } t ? instrument.BandFor(t)?.Label : null) ?? "no band";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static DateTime Local(DateTimeOffset t, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(t, zone).DateTime;

    private static string Day(DateTimeOffset t, TimeZoneInfo zone) => Local(t, zone).ToString("d MMM yyyy", English);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", English);

    private static string Text(string text) => WebUtility.HtmlEncode(text);

    private static string Attr(string text) => WebUtility.HtmlEncode(text);
}
