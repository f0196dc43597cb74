namespace Rapport.Web.Features.Assessments;

/// <summary>
/// Permission a clinic holds to use a restricted instrument online (docs/clinical/measures.md#licences). Without one,
/// the instrument is not offered and answers to it are refused.
/// </summary>
public sealed class InstrumentLicence
{
    private InstrumentLicence() { }

    public string InstrumentId { get; private set; } = "";
    public string Holder { get; private set; } = "";
    /// <summary>The licence or permission letter's reference, so an auditor can find the paper.</summary>
    public string Reference { get; private set; } = "";
    public DateOnly? ValidUntil { get; private set; }
    public Guid RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public static InstrumentLicence Record(Instrument instrument, string holder, string reference, DateOnly? validUntil, Guid adminId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Licence != LicenceKind.Restricted)
        {
            throw new RuleViolationException(AssessmentRules.LicenceNotNeeded, $"{instrument.ShortName} needs no licence.");
        }
        if (string.IsNullOrWhiteSpace(holder) || string.IsNullOrWhiteSpace(reference))
        {
            throw new RuleViolationException(AssessmentRules.LicenceDetailsRequired, "Enter who holds the licence and its reference.");
        }
        if (holder.Trim().Length > 200 || reference.Trim().Length > 200)
        {
            throw new RuleViolationException(AssessmentRules.LicenceDetailsRequired, "Keep the holder and the reference to 200 characters each.");
        }
        if (validUntil is { } until && until < DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new RuleViolationException(AssessmentRules.LicenceAlreadyEnded,
                "That licence has already ended. Enter the date a current licence runs to, or leave it empty if it does not end.");
        }
        return new InstrumentLicence
        {
            InstrumentId = instrument.Id,
            Holder = holder.Trim(),
            Reference = reference.Trim(),
            ValidUntil = validUntil,
            RecordedById = adminId,
            RecordedAt = now,
        };
    }

    public bool IsValidOn(DateOnly day) => ValidUntil is not { } until || day <= until;
}

public static class AssessmentRules
{
    public const string UnknownInstrument = "Assessments.UnknownInstrument";
    public const string LicenceRequired = "Assessments.LicenceRequired";
    public const string LicenceNotNeeded = "Assessments.LicenceNotNeeded";
    public const string LicenceDetailsRequired = "Assessments.LicenceDetailsRequired";
    /// <summary>A licence recorded today must run at least until today: an ended one would offer nothing.</summary>
    public const string LicenceAlreadyEnded = "Assessments.LicenceAlreadyEnded";
    public const string ContentNotBundled = "Assessments.ContentNotBundled";
    public const string LicensedTextsMissing = "Assessments.LicensedTextsMissing";
    public const string WrongRater = "Assessments.WrongRater";
    public const string ConsentRequired = "Assessments.ConsentRequired";
    public const string EveryNthSession = "Assessments.EveryNthSession";
    public const string LifeEventDate = "Assessments.LifeEventDate";
    public const string IntakeIncomplete = "Assessments.IntakeIncomplete";
    /// <summary>An intake answer is longer than <c>Intake.MaxText</c>: refused whole, never cut.</summary>
    public const string IntakeTextTooLong = "Assessments.IntakeTextTooLong";
    /// <summary>Answered as 422: the same idempotency key (submission id) came back with different answers.</summary>
    public const string IdempotencyKeyReused = "Assessments.IdempotencyKeyReused";
    /// <summary>Answered as 422: the Idempotency-Key header and the body's submissionId name different submissions.</summary>
    public const string IdempotencyKeyMismatch = "Assessments.IdempotencyKeyMismatch";
    /// <summary>Answered as 422: a form with no item answered says nothing and is not stored.</summary>
    public const string NothingAnswered = "Assessments.NothingAnswered";
    /// <summary>Only a questionnaire the patient answers themself, and the clinic may use now, can be sent to them.</summary>
    public const string NotSendable = "Assessments.NotSendable";
    /// <summary>A questionnaire already sent and not yet answered is not sent twice.</summary>
    public const string MeasureAlreadyWaiting = "Assessments.MeasureAlreadyWaiting";
}
