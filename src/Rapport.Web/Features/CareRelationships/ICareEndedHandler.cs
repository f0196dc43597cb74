namespace Rapport.Web.Features.CareRelationships;

/// <summary>
/// Told, inside the same transaction, when a clinician's relationship with a patient ends (declined, withdrawn,
/// discharged, transferred), so what hangs on it ends too: Booking cancels the pair's future appointments. Features
/// that react implement this; care relationships never reach into their tables, so the dependency runs one way.
/// </summary>
public interface ICareEndedHandler
{
    Task CareEndedAsync(Guid patientId, Guid clinicianId, CancellationToken ct);
}
