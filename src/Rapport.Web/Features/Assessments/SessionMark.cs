namespace Rapport.Web.Features.Assessments;

/// <summary>
/// A session drawn on a progress chart: when it began and the label above its line ("S3", "A", "M1"), which is the
/// number the IPT course gives it (TreatmentCourses readme, "Session numbers").
/// </summary>
public sealed record SessionMark(DateTimeOffset At, string Label);
