using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>One working diagnosis the course can record: an ICD-11 code and its title, kept as data (readme, rule 32).</summary>
public sealed record WorkingDiagnosis(string Code, string Title)
{
    /// <summary>"6A70 Single episode depressive disorder"; "other" shows only its title.</summary>
    public string Label => Code == DiagnosisList.Other ? Title : $"{Code} {Title}";
}

/// <summary>
/// The short list of working diagnoses IPT is offered for (docs/clinical/ipt-phases.md, "The medical model"): the ICD-11
/// categories only. The severity sub-codes are not chosen here; the severity shown beside the diagnosis comes from the
/// PHQ-9 (<see cref="MedicalModel.SeverityFrom"/>).
/// </summary>
public static class DiagnosisList
{
    public const string Other = "other";

    public static readonly IReadOnlyList<WorkingDiagnosis> All =
    [
        new("6A70", "Single episode depressive disorder"),
        new("6A71", "Recurrent depressive disorder"),
        new("6A72", "Dysthymic disorder"),
        new("6B42", "Prolonged grief disorder"),
        new("6B43", "Adjustment disorder"),
        new(Other, "Another diagnosis"),
    ];

    public static WorkingDiagnosis? Find(string? code) => All.FirstOrDefault(d => string.Equals(d.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>What was decided about medication in the initial phase (docs/clinical/ipt-phases.md, "The medical model").</summary>
public enum MedicationDecision
{
    /// <summary>Not decided yet: never stored by a decision.</summary>
    NotDecided = 0,
    /// <summary>No medication: IPT alone.</summary>
    None = 1,
    /// <summary>The patient already takes antidepressant medication.</summary>
    AlreadyTaking = 2,
    /// <summary>Referred to a prescriber for an assessment.</summary>
    ReferredForAssessment = 3,
}

/// <summary>The latest PHQ-9 of the current course and its band: the severity shown beside the working diagnosis.</summary>
public sealed record Phq9Severity(int Score, string? Band, DateTimeOffset At)
{
    public string Describe(TimeZoneInfo zone) =>
        $"PHQ-9 {Score}{(Band is { } b ? $", {b.ToLowerInvariant()}" : "")} on {TimeZoneInfo.ConvertTime(At, zone).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>The words and the severity of the medical model, shared by the course pages, the summary and the API.</summary>
public static class MedicalModel
{
    /// <summary>
    /// The latest complete PHQ-9 of the current course. The series' baseline is the course's first (Assessments readme,
    /// rule 7); when no PHQ-9 was answered in this course the series has no baseline time and an earlier course's score
    /// is not shown as this one's severity. Never typed in by the clinician.
    /// </summary>
    public static Phq9Severity? SeverityFrom(MeasurementSeries? phq9) =>
        phq9 is { BaselineAt: { } since, Latest: { Total: { } total } latest } && latest.SubmittedAt >= since
            ? new Phq9Severity(total, latest.Band, latest.SubmittedAt)
            : null;

    public static string Medication(MedicationDecision decision) => decision switch
    {
        MedicationDecision.None => "No medication",
        MedicationDecision.AlreadyTaking => "Already taking medication",
        MedicationDecision.ReferredForAssessment => "Referred for a medication assessment",
        _ => "Not decided yet",
    };
}
