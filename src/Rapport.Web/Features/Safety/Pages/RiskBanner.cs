using System.Globalization;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// The risk banner of the clinical workspace (readme, rule 14): what raised risk and when, on the clinician's clock, with
/// the way to the alerts. Shown on the course, session note, patient and call pages; empty when risk is not raised.
/// </summary>
public sealed record RiskBanner(RiskSummary Risk, TimeZoneInfo Zone)
{
    public const string AlertsUrl = "/therapist/alerts";

    public string When(DateTimeOffset utc) =>
        TimeZoneInfo.ConvertTime(utc, Zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Open safety alert since Mon 7 Dec 09:12", or "4 open safety alerts, the oldest since …"; null when none is open.</summary>
    public string? OpenAlerts => Risk switch
    {
        { OpenAlerts: 0 } => null,
        { OpenAlerts: 1, OpenSince: { } since } => $"Open safety alert since {When(since)}",
        { OpenAlerts: var n, OpenSince: { } oldest } => $"{n} open safety alerts, the oldest since {When(oldest)}",
        _ => null,
    };

    /// <summary>One line per risk answer of the last four weeks, newest first.</summary>
    public IEnumerable<string> Answers => Risk.RecentAnswers.Select(a => $"{a.Describe()} on {When(a.At)}");
}
