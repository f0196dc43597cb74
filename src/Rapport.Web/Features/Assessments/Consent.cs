namespace Rapport.Web.Features.Assessments;

public enum ConsentKind
{
    Treatment = 0,
    Telehealth = 1,
    DataProcessing = 2,
}

/// <summary>
/// The wording a patient agrees to, versioned: a new version needs a new agreement, and the record keeps which
/// version each person saw. Changing a text means adding a version here, never editing one in place.
/// </summary>
public static class ConsentTexts
{
    public sealed record Text(ConsentKind Kind, int Version, string Title, string Body);

    public static readonly IReadOnlyList<Text> Current =
    [
        new(ConsentKind.Treatment, 1, "Consent to treatment",
            "I agree to take part in Interpersonal Psychotherapy, a time-limited talking therapy of usually 12 to 16 weekly sessions, with a qualified therapist. I understand what it involves, that I can ask questions at any time, and that I can stop at any time."),
        new(ConsentKind.Telehealth, 1, "Consent to sessions online",
            "I agree to have sessions by video, audio or text from a private place. I understand that a poor connection can interrupt a session, that sessions are never recorded, and that my therapist will ask where I am at the start of each session in case of an emergency."),
        new(ConsentKind.DataProcessing, 1, "Consent to keep my health information",
            "I agree that Rapport keeps what I write and my questionnaire answers to provide my care. Only my therapist and I can see them; every access is recorded. Clinic administrators see alerts about my safety. I can withdraw this consent at any time."),
    ];

    public static Text For(ConsentKind kind) => Current.First(t => t.Kind == kind);
}

/// <summary>One agreement to one version of one consent text; withdrawn, it stays on record with the time.</summary>
public sealed class Consent
{
    private Consent() { }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public ConsentKind Kind { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset GivenAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    public static Consent Give(Guid patientId, ConsentKind kind, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PatientId = patientId,
        Kind = kind,
        Version = ConsentTexts.For(kind).Version,
        GivenAt = now,
    };

    public void Withdraw(DateTimeOffset now)
    {
        if (WithdrawnAt is not null)
        {
            throw new RuleViolationException(AssessmentRules.ConsentRequired, "This consent was already withdrawn.");
        }
        WithdrawnAt = now;
    }
}
