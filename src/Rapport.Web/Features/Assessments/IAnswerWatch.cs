namespace Rapport.Web.Features.Assessments;

/// <summary>
/// Told of every answer a patient gives to their own questionnaire, inside the answer's unit of work, before it is
/// saved: the TreatmentCourses feature watches for relapse in maintenance and for deterioration in the acute phases,
/// and stages its alert, its e-mail and its audit entry with the answer. The dependency runs one way
/// (docs/architecture.md, "Layers").
/// </summary>
public interface IAnswerWatch
{
    /// <summary>Whether the answer raised something that sends an e-mail.</summary>
    Task<bool> WatchAsync(AssessmentResponse response, CancellationToken ct);
}
