using System.Globalization;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// One safety alert as the therapist's and the admins' alert pages show it, with the acknowledge form while it is open.
/// <see cref="Error"/> and <see cref="Draft"/> carry a refused acknowledgement back to the card it came from.
/// </summary>
public sealed record AlertCard(SafetyAlert Alert, string PatientName, string? PatientLink, string? AssignedName, string? AcknowledgedByName,
    TimeZoneInfo Zone, DateTimeOffset Now, string? Error = null, string? Draft = null)
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public string Id => $"alert-{Alert.Id:N}";

    /// <summary>The response time the clinical rule asks for (ipt.md §3): urgent review within hours, or the same day.</summary>
    public string Level => Alert.Level >= RiskLevel.High ? "High" : "Elevated";

    public string RespondWithin => Alert.Level >= RiskLevel.High ? "respond within 1 hour" : "respond today";

    public string Raised => $"{When(Alert.RaisedAt)} ({Ago(Now - Alert.RaisedAt)})";

    public string Escalation => Alert switch
    {
        { AssignedTherapistId: null } => "No therapist assigned yet: the clinic's admins were alerted at once.",
        { EscalatedAt: { } at } => $"Escalated to the clinic's admins at {When(at)}.",
        { IsOpen: true } a => $"Goes to the clinic's admins at {When(a.EscalateAt)} unless acknowledged.",
        _ => "Acknowledged before it escalated.",
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
