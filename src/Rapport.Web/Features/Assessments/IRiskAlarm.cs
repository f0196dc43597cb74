namespace Rapport.Web.Features.Assessments;

/// <summary>
/// The safety alert a patient's risk answer raised, as the answer's use case needs it: to name it in the audit entry and
/// to tell the caller an alert went out (Safety readme, rule 2). <see cref="NotifiedTherapistId"/> is null when nobody
/// was on call and the clinic's admins were told; <see cref="ResponseId"/> is null when the answers were not stored.
/// </summary>
public sealed record RaisedAlarm(Guid AlertId, Guid PatientId, Guid? ResponseId, RiskLevel Level, Guid? NotifiedTherapistId);

/// <summary>
/// Raises the alarm for a patient's risk answer, inside the answer's unit of work, before it is saved, so the answer,
/// its alert and the alert's e-mails commit together or not at all. The Safety feature routes, stores and escalates the
/// alert, so the dependency runs one way (docs/architecture.md, "Layers").
/// </summary>
public interface IRiskAlarm
{
    /// <summary>Adds the alert for <paramref name="answer"/> and who is told to the caller's unit of work; <paramref name="responseId"/> is null for answers that were not stored.</summary>
    Task<RaisedAlarm> RaiseAsync(Guid patientId, Guid? responseId, string instrumentId, CriticalAnswer answer, CancellationToken ct);

    /// <summary>The alarm an already stored response raised, if it raised one.</summary>
    Task<RaisedAlarm?> ForResponseAsync(Guid responseId, CancellationToken ct);
}
