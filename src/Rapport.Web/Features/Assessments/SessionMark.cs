namespace Rapport.Web.Features.Assessments;

/// <summary>
/// A session drawn on a progress chart: when it began and the label above its line ("S3", "A", "M1"), which is the
/// number the IPT course gives it (TreatmentCourses readme, "Session numbers").
/// </summary>
public sealed record SessionMark(DateTimeOffset At, string Label)
{
    /// <summary>
    /// Said once under every chart that shows session marks. The wording is the course's numbering (TreatmentCourses
    /// readme, "Session numbers"), kept here because the chart below the course shows it.
    /// </summary>
    public const string Explanation =
        "Sessions are numbered from the first session of the course, as in the contract (S1 is session 1); A marks a first conversation or assessment before it, M1, M2… maintenance sessions.";
}

/// <summary>
/// The sessions of a patient with their clinician, as marks for the progress chart. The TreatmentCourses feature
/// numbers them, so the dependency runs one way (docs/architecture.md, "Layers").
/// </summary>
public interface ISessionMarks
{
    Task<IReadOnlyList<SessionMark>> ForPairAsync(Guid patientId, Guid clinicianId, CancellationToken ct);
}
