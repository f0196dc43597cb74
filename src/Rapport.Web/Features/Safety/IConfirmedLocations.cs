namespace Rapport.Web.Features.Safety;

/// <summary>Where the patient said they were, and when, the last time a call asked them (LiveSessions readme, "Location").</summary>
public sealed record ConfirmedLocation(string? Location, DateTimeOffset? ConfirmedAt);

/// <summary>
/// The patient's last confirmed location, shown on an alert's file for whoever may have to send help. The LiveSessions
/// feature answers it, so the dependency runs one way: LiveSessions sits above Safety (docs/architecture.md, "Layers").
/// </summary>
public interface IConfirmedLocations
{
    Task<ConfirmedLocation?> LatestAsync(Guid patientId, CancellationToken ct);
}
