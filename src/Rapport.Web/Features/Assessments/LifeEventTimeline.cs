using System.Globalization;
using System.Net;
using System.Text;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// The life events from the intake on a line of months, beside the month the low mood began: IPT links
/// the onset of depression to changes in the patient's relationships and roles (docs/clinical/ipt-course.md#problem-areas), and this is where the
/// therapist sees the two together. Drawn on the server like <see cref="ProgressChart"/>: no script, no style
/// attribute, one image to assistive technology with a title and a description, and the page lists the same events.
/// </summary>
public static class LifeEventTimeline
{
    private const double Width = 640;
    private const double Left = 24;
    private const double Right = Width - 24;
    private const double CharWidth = 6.4;

    private const string Ink = "#1d2a33";
    private const string Muted = "#3d4b55";
    private const string EventColour = "#1f5f7a";
    private const string OnsetColour = "#a3261b";

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>
    /// The timeline of <paramref name="events"/> and <paramref name="lowMoodSince"/>, running on to <paramref name="until"/>
    /// (usually today) so the distance from the events to now is visible. Months are the first day of a month.
    /// </summary>
    public static string Render(IReadOnlyList<LifeEvent> events, DateOnly? lowMoodSince, DateOnly until, string id = "life-events")
    {
        ArgumentNullException.ThrowIfNull(events);
        var ordered = events.OrderBy(e => e.Month).ToList();
        var months = ordered.Select(e => MonthIndex(e.Month)).ToList();
        if (lowMoodSince is { } onsetMonth)
        {
            months.Add(MonthIndex(onsetMonth));
        }
        var last = Math.Max(MonthIndex(until), months.Count == 0 ? MonthIndex(until) : months.Max());
        var first = Math.Min(months.Count == 0 ? last - 6 : months.Min() - 1, last - 6);
        double X(int month) => Left + ((month - first) / (double)(last - first) * (Right - Left));

        // Each event's label sits on the lowest level above the axis where it overlaps no label before it (at most five levels);
        // the drawing is as tall as the levels used, so a few events leave no empty band at the top.
        var labels = ordered.Select(e => (X: X(MonthIndex(e.Month)), Label: LifeEvent.Describe(e.Kind))).ToList();
        var centres = labels.Select(l => Clamp(l.X, l.Label)).ToList();
        var levels = Levels([.. labels.Select((l, i) => (centres[i], l.Label.Length * CharWidth))]);
        var placed = labels.Select((l, i) => (l.Label, l.X, LabelX: centres[i], Level: levels[i])).ToList();
        var levelCount = levels.Count == 0 ? 0 : levels.Max() + 1;
        var axisY = 42 + (Math.Max(0, levelCount - 1) * 22);
        var monthLabelY = axisY + 20;
        var onsetLabelY = axisY + 54;
        var height = axisY + (lowMoodSince is null ? 32 : 66);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" class=\"chart timeline\" role=\"img\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Encode(id)}-title\">Life events and the start of low mood</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{Encode(id)}-desc\">{Encode(Describe(ordered, lowMoodSince))}</desc>");

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{N(Left)}\" y1=\"{N(axisY)}\" x2=\"{N(Right)}\" y2=\"{N(axisY)}\" stroke=\"{Muted}\" stroke-width=\"1.5\"/>");
        // A tick every month; a label from the first month on, as sparse as keeps them apart (every 1, 2, 3, 6, 12 or 24 months).
        var span = last - first;
        var step = new[] { 1, 2, 3, 6, 12, 24 }.First(s => span / s <= 6 || s == 24);
        for (var m = first; m <= last; m++)
        {
            var x = X(m);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"month\" x1=\"{N(x)}\" y1=\"{N(axisY - 4)}\" x2=\"{N(x)}\" y2=\"{N(axisY + 4)}\" stroke=\"{Muted}\" stroke-width=\"1\"/>");
            if ((m - first) % step == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"month-label\" x=\"{N(Clamp(x, MonthName(m)))}\" y=\"{N(monthLabelY)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Muted}\">{Encode(MonthName(m))}</text>");
            }
        }

        // The onset, in its own colour and shape: a dashed line from the axis down to its label, and a diamond on the axis (drawn last).
        if (lowMoodSince is { } since)
        {
            var x = X(MonthIndex(since));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"onset\" x1=\"{N(x)}\" y1=\"{N(axisY)}\" x2=\"{N(x)}\" y2=\"{N(onsetLabelY - 12)}\" stroke=\"{OnsetColour}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>");
            var label = $"Low mood began ({MonthName(MonthIndex(since))})";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"onset-label\" x=\"{N(Clamp(x, label))}\" y=\"{N(onsetLabelY)}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"{OnsetColour}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{Encode(label)}</text>");
        }

        foreach (var (label, x, labelX, level) in placed)
        {
            var labelY = axisY - 22 - (level * 22);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"event-stem\" x1=\"{N(x)}\" y1=\"{N(axisY - 6)}\" x2=\"{N(x)}\" y2=\"{N(labelY + 4)}\" stroke=\"{EventColour}\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"event\" cx=\"{N(x)}\" cy=\"{N(axisY)}\" r=\"6\" fill=\"{EventColour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"event-label\" x=\"{N(labelX)}\" y=\"{N(labelY)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Ink}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{Encode(label)}</text>");
        }
        // Drawn last, so an event in the same month does not hide it.
        if (lowMoodSince is { } onset)
        {
            var x = X(MonthIndex(onset));
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"onset-marker\" d=\"M{N(x)} {N(axisY - 9)}L{N(x + 9)} {N(axisY)}L{N(x)} {N(axisY + 9)}L{N(x - 9)} {N(axisY)}Z\" fill=\"{OnsetColour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// The level of each centred label, left to right: the lowest level where it overlaps no label before it, at most
    /// <paramref name="maxLevels"/> (beyond that the top level is shared). Also used by the IPT course timeline.
    /// </summary>
    internal static IReadOnlyList<int> Levels(IReadOnlyList<(double Centre, double Width)> labels, int maxLevels = 5)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var levelEnds = new List<double>();
        var levels = new List<int>(labels.Count);
        foreach (var (centre, width) in labels)
        {
            var (from, to) = (centre - (width / 2) - 3, centre + (width / 2) + 3);
            var level = levelEnds.FindIndex(end => end <= from);
            if (level < 0)
            {
                level = Math.Min(levelEnds.Count, maxLevels - 1);
                if (level == levelEnds.Count)
                {
                    levelEnds.Add(to);
                }
            }
            levelEnds[level] = to;
            levels.Add(level);
        }
        return levels;
    }

    /// <summary>"A move in March 2025; a new job or school in June 2025. Low mood began in July 2025."</summary>
    public static string Describe(IReadOnlyList<LifeEvent> events, DateOnly? lowMoodSince)
    {
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        text.Append(events.Count == 0
            ? "No life events recorded."
            : string.Join("; ", events.OrderBy(e => e.Month).Select(e => $"{LifeEvent.Describe(e.Kind)} in {e.Month.ToString("MMMM yyyy", English)}")) + ".");
        text.Append(lowMoodSince is { } since ? $" Low mood began in {since.ToString("MMMM yyyy", English)}." : " When the low mood began was not given.");
        return text.ToString();
    }

    /// <summary>Keeps a centred label inside the drawing.</summary>
    private static double Clamp(double x, string label)
    {
        var half = (label.Length * CharWidth / 2) + 2;
        return Math.Clamp(x, half + 2, Width - half - 2);
    }

    private static int MonthIndex(DateOnly d) => (d.Year * 12) + d.Month - 1;

    private static string MonthName(int index) => new DateOnly(index / 12, (index % 12) + 1, 1).ToString("MMM yyyy", English);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", English);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
