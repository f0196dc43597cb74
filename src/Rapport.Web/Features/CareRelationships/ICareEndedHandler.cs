namespace Rapport.Web.Features.CareRelationships;

/// <summary>How a clinician's relationship with a patient ended, for the features that hang on it.</summary>
/// <param name="Status">Declined, Withdrawn, Discharged or Transferred.</param>
/// <param name="Reason">The clinician's words for a discharge; a fixed phrase otherwise.</param>
/// <param name="SuccessorClinicianId">For a transfer: the clinician who now holds the patient's care.</param>
public sealed record CareEnding(Guid PatientId, Guid ClinicianId, CareStatus Status, string Reason, Guid? SuccessorClinicianId);

/// <summary>
/// Told, inside the same transaction, when a clinician's relationship with a patient ends (declined, withdrawn,
/// discharged, transferred), so what hangs on it ends too: Booking cancels the pair's future appointments and
/// TreatmentCourses ends the pair's open course. Features that react implement this; care relationships never reach
/// into their tables, so the dependency runs one way.
/// </summary>
public interface ICareEndedHandler
{
    Task CareEndedAsync(CareEnding ending, CancellationToken ct);
}
