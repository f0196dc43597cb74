using System.Globalization;

namespace Rapport.Web.Features.Assessments.Pages;

/// <summary>
/// One instrument's measures as a page shows them: the chart, a summary in words and the table with the same data.
/// <paramref name="ForPatient"/> switches the summary to plain language addressed to the patient.
/// </summary>
public sealed record MeasuresView(MeasurementSeries Series, IReadOnlyList<SessionMark> Sessions, TimeZoneInfo Zone, bool ForPatient)
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public Instrument Instrument => Series.Instrument;

    public string SectionId => $"measure-{Instrument.Id}";

    public string Chart => DrawnCharts.Render(Series, Sessions, Zone, $"chart-{Instrument.Id}");

    public IReadOnlyList<ProgressRow> Rows => ProgressChart.Rows(Series);

    public string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("ddd d MMM yyyy", English);

    /// <summary>"−14", "+3", "0": a real minus sign, so it is read and seen as one.</summary>
    public static string Signed(int delta) => delta switch
    {
        < 0 => $"\u2212{-delta}",
        > 0 => $"+{delta}",
        _ => "0",
    };

    /// <summary>What the chart says, in sentences.</summary>
    public IReadOnlyList<string> Summary() => ForPatient ? PatientSummary() : [ProgressChart.Describe(Series, Sessions.Count, Zone)];

    private IReadOnlyList<string> PatientSummary()
    {
        var name = Instrument.ShortName;
        var complete = Series.Points.Where(p => p.Total is not null).ToList();
        if (complete.Count == 0)
        {
            return [$"Your {name} answers so far were not complete, so there is no score yet. Next time, answering every question gives a score."];
        }
        if (complete.Count == 1)
        {
            return [$"Your first {name} score was {complete[0].Total} out of {Instrument.MaxTotal} ({Band(complete[0])} range). Later answers will be compared with it."];
        }
        // The current course's baseline (Assessments readme, rule 7), as the change labels compare with it.
        var (first, last) = (Series.Baseline ?? complete[0], complete[^1]);
        var lines = new List<string>
        {
            first.Total == last.Total
                ? $"Your {name} score is {last.Total}, the same as when you started."
                : $"Your {name} score went from {first.Total} to {last.Total} (out of {Instrument.MaxTotal}; lower means fewer difficulties).",
        };
        if (Band(first) != Band(last))
        {
            lines.Add($"That is from the {Band(first)} range to the {Band(last)} range.");
        }
        if (Series.Change is { } change)
        {
            if (change.Remission)
            {
                lines.Add("Your score is now in the range where symptoms have largely eased.");
            }
            if (change.Response && !change.Remission)
            {
                lines.Add("Your score has at least halved since you started.");
            }
            if (change.ReliableImprovement)
            {
                lines.Add("The change is bigger than everyday ups and downs: a reliable improvement.");
            }
            if (change.ReliableDeterioration)
            {
                lines.Add("Your score has gone up by more than everyday ups and downs. Your therapist sees this too and will talk it over with you.");
            }
        }
        return lines;
    }

    private string Band(MeasurePoint point) =>
        (point.Band ?? Instrument.BandFor(point.Total ?? 0)?.Label ?? "").ToLowerInvariant();
}
