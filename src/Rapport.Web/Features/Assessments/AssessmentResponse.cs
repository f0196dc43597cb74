using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// One filled-in questionnaire (a FHIR QuestionnaireResponse with its total as an Observation, docs/clinical/measures.md#how-rapport-holds-an-instrument).
/// Answers are kept exactly as given so a total can always be recomputed and checked.
/// </summary>
public sealed class AssessmentResponse
{
    private AssessmentResponse() { }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public string InstrumentId { get; private set; } = "";
    public int InstrumentVersion { get; private set; }
    /// <summary>Option values in item order, comma-separated; an empty place is an unanswered item.</summary>
    public string Answers { get; private set; } = "";
    public bool IsComplete { get; private set; }
    public int? Total { get; private set; }
    public string? Band { get; private set; }
    public RiskLevel Risk { get; private set; }
    /// <summary>The patient for self-report, the therapist for a clinician rating.</summary>
    public Guid SubmittedById { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    /// <summary>Chosen by the form or client once per attempt: sending it twice stores one response.</summary>
    public Guid SubmissionId { get; private set; }
    /// <summary>The measure request this answers, when it was asked for.</summary>
    public Guid? MeasureRequestId { get; private set; }
    /// <summary>
    /// SHA-256 of the instrument and the answers as stored: a second submission with the same id must carry the same
    /// answers to be answered with this one (readme rule 9). Null for responses stored before fingerprints were kept.
    /// </summary>
    public string? AnswersFingerprint { get; private set; }

    public const int FingerprintLength = 64;

    public static AssessmentResponse Record(Guid patientId, Guid submittedById, ScoredResponse scored, Guid submissionId, DateTimeOffset now,
        Guid? measureRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return new AssessmentResponse
        {
            Id = Guid.CreateVersion7(now),
            PatientId = patientId,
            InstrumentId = scored.Instrument.Id,
            InstrumentVersion = scored.Instrument.Version,
            Answers = AnswersText(scored.Answers),
            AnswersFingerprint = Fingerprint(scored.Instrument.Id, scored.Answers),
            IsComplete = scored.IsComplete,
            Total = scored.Total,
            Band = scored.Band?.Label,
            Risk = scored.Risk,
            SubmittedById = submittedById,
            SubmittedAt = now,
            SubmissionId = submissionId,
            MeasureRequestId = measureRequestId,
        };
    }

    /// <summary>The fingerprint of a body: the same instrument with the same answer in every place gives the same one.</summary>
    public static string Fingerprint(string instrumentId, IReadOnlyList<int?> answers) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{instrumentId}\n{AnswersText(answers)}")));

    /// <summary>Whether a submission with this fingerprint carries the answers stored here.</summary>
    public bool HasAnswers(string fingerprint) => (AnswersFingerprint ?? Fingerprint(InstrumentId, AnswerList())) == fingerprint;

    private static string AnswersText(IReadOnlyList<int?> answers) => string.Join(',', answers.Select(a => a?.ToString(CultureInfo.InvariantCulture) ?? ""));

    public IReadOnlyList<int?> AnswerList() =>
        [.. Answers.Split(',').Select(a => a.Length == 0 ? (int?)null : int.Parse(a, CultureInfo.InvariantCulture))];
}
