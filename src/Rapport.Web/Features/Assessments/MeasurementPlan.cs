namespace Rapport.Web.Features.Assessments;

/// <summary>
/// When measures fall due for one patient (Assessments readme, rule 11): PHQ-9 before every session, GAD-7 and WSAS every 4th,
/// unless the therapist changes it. A patient without a plan row has the defaults.
/// </summary>
public sealed class MeasurementPlan
{
    private MeasurementPlan() { }

    public const int DefaultPhq9Every = 1;
    public const int DefaultGad7Every = 4;
    public const int DefaultWsasEvery = 4;

    public Guid PatientId { get; private set; }
    public int Phq9EveryNthSession { get; private set; } = DefaultPhq9Every;
    public int Gad7EveryNthSession { get; private set; } = DefaultGad7Every;
    public int WsasEveryNthSession { get; private set; } = DefaultWsasEvery;
    public Guid? UpdatedById { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    public static MeasurementPlan Default(Guid patientId) => new() { PatientId = patientId };

    public void Change(int phq9Every, int gad7Every, int wsasEvery, Guid therapistId, DateTimeOffset now)
    {
        if (new[] { phq9Every, gad7Every, wsasEvery }.Any(n => n is < 1 or > 16))
        {
            throw new RuleViolationException(AssessmentRules.EveryNthSession, "Choose a number of sessions between 1 (every session) and 16.");
        }
        Phq9EveryNthSession = phq9Every;
        Gad7EveryNthSession = gad7Every;
        WsasEveryNthSession = wsasEvery;
        UpdatedById = therapistId;
        UpdatedAt = now;
    }

    public int? EveryNth(string instrumentId) => instrumentId switch
    {
        InstrumentCatalog.Phq9 => Phq9EveryNthSession,
        InstrumentCatalog.Gad7 => Gad7EveryNthSession,
        InstrumentCatalog.Wsas => WsasEveryNthSession,
        _ => null,
    };

    /// <summary>Whether the instrument is due before the patient's k-th session (1-based).</summary>
    public bool IsDueAt(string instrumentId, int sessionNumber) => EveryNth(instrumentId) is { } n && sessionNumber >= 1 && sessionNumber % n == 0;
}

/// <summary>A measure the therapist sent ad hoc. It stays on the patient's home until answered or withdrawn.</summary>
public sealed class MeasureRequest
{
    private MeasureRequest() { }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public string InstrumentId { get; private set; } = "";
    public Guid RequestedById { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid? ResponseId { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsOpen => ResponseId is null;

    public static MeasureRequest Send(Guid patientId, Instrument instrument, Guid therapistId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Rater != Rater.Patient)
        {
            throw new RuleViolationException(AssessmentRules.WrongRater, $"{instrument.ShortName} is rated by the clinician, so it cannot be sent to the patient.");
        }
        return new MeasureRequest { Id = Guid.CreateVersion7(now), PatientId = patientId, InstrumentId = instrument.Id, RequestedById = therapistId, RequestedAt = now };
    }

    public void AnsweredBy(AssessmentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        ResponseId ??= response.Id;
        AnsweredAt ??= response.SubmittedAt;
    }
}
