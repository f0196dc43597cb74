using System.Globalization;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>One safety alert in a list (the therapist's and the admins' alert pages), linking to its page where it is acted on.</summary>
public sealed record AlertCard(SafetyAlert Alert, string PatientName, string? AssignedName, string? AcknowledgedByName, string? ClosedByName,
    TimeZoneInfo Zone, DateTimeOffset Now, SafetyOptions Options)
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public string Id => $"alert-{Alert.Id:N}";

    public string Link => $"/alerts/{Alert.Id}";

    public string Level => Alert.Level >= RiskLevel.High ? "High" : "Elevated";

    /// <summary>The configured time a clinician has (docs/safety.md): the tiers set response urgency, they predict nothing.</summary>
    public string RespondWithin => $"respond within {AlertMail.Duration(Options.EscalateAfter(Alert.Level))}";

    public string Raised => $"{When(Alert.RaisedAt)} ({Ago(Now - Alert.RaisedAt)})";

    public string Status => Alert switch
    {
        { IsOpen: false } a => $"Closed {When(a.ClosedAt!.Value)}{(ClosedByName is null ? "" : $" by {ClosedByName}")}.",
        { IsAcknowledged: true } a => $"Taken on {When(a.AcknowledgedAt!.Value)}{(AcknowledgedByName is null ? "" : $" by {AcknowledgedByName}")}; waiting for its risk review.",
        { AssignedTherapistId: null, EscalatedAt: not null } => $"Nobody was on call: the admins were told at once. Reminders every {AlertMail.Duration(Options.RepeatEvery(Alert.Level))}.",
        { EscalatedAt: { } at } => $"Escalated at {When(at)} beyond the clinician first told; reminders every {AlertMail.Duration(Options.RepeatEvery(Alert.Level))}.",
        var a => $"Goes to the clinical lead on duty and the supervisor at {When(a.EscalateAt)} unless taken on.",
    };

    public string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("ddd d MMM yyyy, HH:mm", English);

    private static string Ago(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalMinutes: < 60 } => $"{(int)span.TotalMinutes} min ago",
        { TotalHours: < 48 } => $"{(int)span.TotalHours} h ago",
        _ => $"{(int)span.TotalDays} days ago",
    };
}
