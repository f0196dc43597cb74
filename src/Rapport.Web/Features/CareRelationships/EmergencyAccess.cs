namespace Rapport.Web.Features.CareRelationships;

/// <summary>
/// Break-glass: a clinician with no care relationship (the clinical lead on duty, a supervisor) who takes on a safety
/// alert may read the patient's record while that alert is open, and no longer. It is opened and ended by the safety
/// feature in the same unit of work as the acknowledgement and the closing; the responsible clinician sees it on the
/// patient's page, and every read it allows is audited like any other (readme, "Emergency access").
/// </summary>
public sealed class EmergencyAccess
{
    private EmergencyAccess() { }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid ClinicianId { get; private set; }
    /// <summary>What opened it: the safety alert's id.</summary>
    public Guid SourceId { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsOpen => EndedAt is null;

    public static EmergencyAccess Open(Guid patientId, Guid clinicianId, Guid sourceId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), PatientId = patientId, ClinicianId = clinicianId, SourceId = sourceId, OpenedAt = now };

    public void End(DateTimeOffset now)
    {
        if (EndedAt is null)
        {
            EndedAt = now;
        }
    }
}
