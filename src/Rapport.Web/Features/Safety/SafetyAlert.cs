using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// The escalation ladder's times (readme, "The escalation ladder"; configurable, "Safety" section). The tiers set how
/// fast a clinician must respond, not a prediction (docs/safety.md).
/// </summary>
public sealed class SafetyOptions
{
    public TimeSpan EscalateHighAfter { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan RepeatHighEvery { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan EscalateElevatedAfter { get; set; } = TimeSpan.FromHours(4);
    public TimeSpan RepeatElevatedEvery { get; set; } = TimeSpan.FromHours(4);
    /// <summary>How often the ladder is checked.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan EscalateAfter(RiskLevel level) => level >= RiskLevel.High ? EscalateHighAfter : EscalateElevatedAfter;

    public TimeSpan RepeatEvery(RiskLevel level) => level >= RiskLevel.High ? RepeatHighEvery : RepeatElevatedEvery;
}

/// <summary>What one rung of the ladder did.</summary>
public enum AlertStep
{
    /// <summary>The first clinician(s) to be told when the alert was raised.</summary>
    Raised,
    /// <summary>Nobody took it on in time: the clinical lead on duty and the supervisor are told.</summary>
    Escalated,
    /// <summary>Still nobody: everyone told so far is told again.</summary>
    Reminded,
}

/// <summary>
/// A risk answer that a clinician must look at. Raised in the same transaction as the answer, so an answer can never
/// exist without its alert. A clinician <em>acknowledges</em> it (takes it on: the ladder stops) and <em>closes</em> it
/// with a structured risk review; until someone acknowledges it, it climbs the ladder (readme, "The escalation ladder").
/// An automated flag starts an assessment, it never replaces one (docs/safety.md).
/// </summary>
public sealed class SafetyAlert
{
    private SafetyAlert() { }

    public const int MaxActionLength = 2000;

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    /// <summary>The stored answer that raised it; null when the answer came in a refused resubmission and was not stored.</summary>
    public Guid? ResponseId { get; private set; }
    public string InstrumentId { get; private set; } = "";
    public int ItemNumber { get; private set; }
    public int ItemScore { get; private set; }
    public RiskLevel Level { get; private set; }
    /// <summary>The clinician on call when it was raised (covering, responsible or the lead on duty); null when nobody was, and the admins were told.</summary>
    public Guid? AssignedTherapistId { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    /// <summary>When the next rung of the ladder is due: the escalation, then each reminder.</summary>
    public DateTimeOffset EscalateAt { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    /// <summary>Reminders sent after the escalation.</summary>
    public int Reminders { get; private set; }
    /// <summary>When a clinician took it on; the ladder stops there.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public Guid? AcknowledgedById { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public Guid? ClosedById { get; private set; }
    /// <summary>The risk review that closed it, as JSON. Clinical text: encrypted at rest.</summary>
    public string? ReviewJson { get; private set; }
    /// <summary>The free-text note alerts were closed with before the structured review existed. Clinical text.</summary>
    public string? ActionTaken { get; private set; }
    /// <summary>The patient's message whose words raised it (Messaging readme, rule 11); null for a risk answer.</summary>
    public Guid? MessageId { get; private set; }
    /// <summary>The curated risk expression the message matched. Clinical text: it says what the patient wrote about.</summary>
    public string? MessageWords { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => ClosedAt is null;
    public bool IsAcknowledged => AcknowledgedAt is not null;
    public bool IsEscalated => EscalatedAt is not null;
    public RiskReview? Review => ReviewJson is null ? null : RiskReview.FromJson(ReviewJson);

    public static SafetyAlert Raise(Guid patientId, AssessmentResponse response, CriticalAnswer answer, Guid? assignedTherapistId,
        DateTimeOffset now, SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Raise(patientId, response.Id, response.InstrumentId, answer, assignedTherapistId, now, options);
    }

    /// <summary>A risk answer raises its alert even when the answer itself is not stored (a refused resubmission): then <paramref name="responseId"/> is null.</summary>
    public static SafetyAlert Raise(Guid patientId, Guid? responseId, string instrumentId, CriticalAnswer answer, Guid? assignedTherapistId,
        DateTimeOffset now, SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Level == RiskLevel.None)
        {
            throw new ArgumentException("Only a critical answer raises an alert.", nameof(answer));
        }
        var alert = OnTheLadder(patientId, answer.Level, assignedTherapistId, now, options);
        alert.ResponseId = responseId;
        alert.InstrumentId = instrumentId;
        alert.ItemNumber = answer.ItemNumber;
        alert.ItemScore = answer.Score;
        return alert;
    }

    /// <summary>
    /// A patient's message matched a risk expression: an alert of its own kind (no instrument, no answer), on the same
    /// ladder as a risk answer. <paramref name="messageId"/> names the message; its text stays in the conversation.
    /// </summary>
    public static SafetyAlert RaiseForMessage(Guid patientId, Guid messageId, string words, RiskLevel level, Guid? assignedTherapistId,
        DateTimeOffset now, SafetyOptions options)
    {
        if (level == RiskLevel.None)
        {
            throw new ArgumentException("Only risk raises an alert.", nameof(level));
        }
        var alert = OnTheLadder(patientId, level, assignedTherapistId, now, options);
        alert.MessageId = messageId;
        alert.MessageWords = words;
        alert.InstrumentId = MessageSource;
        return alert;
    }

    private static SafetyAlert OnTheLadder(Guid patientId, RiskLevel level, Guid? assignedTherapistId, DateTimeOffset now, SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var nobodyOnCall = assignedTherapistId is null;
        return new SafetyAlert
        {
            Id = Guid.CreateVersion7(now),
            PatientId = patientId,
            Level = level,
            AssignedTherapistId = assignedTherapistId,
            RaisedAt = now,
            // With nobody on call, the admins are the first to hear: the alert starts escalated and its reminders run at once.
            EscalatedAt = nobodyOnCall ? now : null,
            EscalateAt = now + (nobodyOnCall ? options.RepeatEvery(level) : options.EscalateAfter(level)),
        };
    }

    /// <summary>What <see cref="InstrumentId"/> holds for an alert raised by a message.</summary>
    public const string MessageSource = "message";

    public bool IsFromMessage => MessageId is not null;

    public bool IsDueForNextStep(DateTimeOffset now) => IsOpen && !IsAcknowledged && now >= EscalateAt;

    /// <summary>When a clinician should have responded: raised plus the level's time (docs/safety.md).</summary>
    public DateTimeOffset RespondBy(SafetyOptions options) => RaisedAt + options.EscalateAfter(Level);

    /// <summary>
    /// Open alerts as a clinician should meet them: those nobody has taken on yet first, the one whose response is due
    /// soonest at the top (a High alert raised after an Elevated one is usually due first); then those waiting only
    /// for their risk review.
    /// </summary>
    public static IReadOnlyList<SafetyAlert> MostUrgentFirst(IEnumerable<SafetyAlert> open, SafetyOptions options) =>
        [.. open.OrderBy(a => a.IsAcknowledged).ThenBy(a => a.RespondBy(options)).ThenBy(a => a.RaisedAt)];

    /// <summary>Climbs one rung: the escalation the first time, a reminder after that. The next rung is due one repeat interval later.</summary>
    public AlertStep NextStep(DateTimeOffset now, SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsOpen)
        {
            throw new RuleViolationException(SafetyRules.AlreadyClosed, "This alert is closed.");
        }
        if (IsAcknowledged)
        {
            throw new RuleViolationException(SafetyRules.AlreadyAcknowledged, "A clinician has already taken this alert on.");
        }
        if (now < EscalateAt)
        {
            throw new RuleViolationException(SafetyRules.NotYetDue, "This alert is not yet due for its next step.");
        }
        var step = IsEscalated ? AlertStep.Reminded : AlertStep.Escalated;
        if (step == AlertStep.Escalated)
        {
            EscalatedAt = now;
        }
        else
        {
            Reminders++;
        }
        EscalateAt = now + options.RepeatEvery(Level);
        Version++;
        return step;
    }

    /// <summary>A clinician takes the alert on: the ladder stops. It stays open until closed with a risk review.</summary>
    public void Acknowledge(Guid clinicianId, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new RuleViolationException(SafetyRules.AlreadyClosed, "This alert is already closed.");
        }
        if (IsAcknowledged)
        {
            throw new RuleViolationException(SafetyRules.AlreadyAcknowledged, AcknowledgedById == clinicianId
                ? "You have already taken this alert on."
                : "A clinician has already taken this alert on.");
        }
        AcknowledgedAt = now;
        AcknowledgedById = clinicianId;
        Version++;
    }

    /// <summary>Closes the alert with a complete risk review (acknowledging it too if nobody had).</summary>
    public void Close(Guid clinicianId, RiskReview review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (!IsOpen)
        {
            throw new RuleViolationException(SafetyRules.AlreadyClosed, "This alert is already closed.");
        }
        var gaps = review.Gaps(now);
        if (gaps.Count > 0)
        {
            throw new RuleViolationException(SafetyRules.ReviewIncomplete, string.Join(" ", gaps.Select(g => g.Message)));
        }
        AcknowledgedAt ??= now;
        AcknowledgedById ??= clinicianId;
        ClosedAt = now;
        ClosedById = clinicianId;
        ReviewJson = review.ToJson();
        Version++;
    }

    /// <summary>A line for clinicians only (never for e-mail): which answer raised it.</summary>
    public string Trigger() => IsFromMessage ? $"A message with the words \u201c{MessageWords}\u201d" : Describe(InstrumentId, ItemNumber, ItemScore);

    /// <summary>"PHQ-9 item 9 answered 3 (“Nearly every day”)": for clinicians only, never for e-mail.</summary>
    public static string Describe(string instrumentId, int itemNumber, int score)
    {
        var instrument = InstrumentCatalog.Find(instrumentId);
        var item = instrument?.Items.FirstOrDefault(i => i.Number == itemNumber);
        var label = item?.Options.FirstOrDefault(o => o.Score == score)?.Label;
        return $"{instrument?.ShortName ?? instrumentId} item {itemNumber} answered {score}{(label is null ? "" : $" (\u201c{label}\u201d)")}";
    }
}

/// <summary>Who was told about an alert, at which rung, and why: the trail docs/clinical/safety-workflow.md asks for, and the reminders' list.</summary>
public sealed class SafetyAlertRecipient
{
    private SafetyAlertRecipient() { }

    public Guid Id { get; private set; }
    public Guid AlertId { get; private set; }
    public Guid UserId { get; private set; }
    public AlertRecipientRole Role { get; private set; }
    public DateTimeOffset NotifiedAt { get; private set; }

    public static SafetyAlertRecipient Told(Guid alertId, Guid userId, AlertRecipientRole role, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), AlertId = alertId, UserId = userId, Role = role, NotifiedAt = now };
}

public enum AlertRecipientRole
{
    /// <summary>The clinician on call for the patient when the alert was raised.</summary>
    OnCall,
    ClinicalLead,
    Supervisor,
    /// <summary>The clinic's admins, when no clinician could be found to tell.</summary>
    Admin,
}

public static class SafetyRules
{
    public const string AlreadyAcknowledged = "Safety.AlreadyAcknowledged";
    public const string AlreadyClosed = "Safety.AlreadyClosed";
    public const string NotYetDue = "Safety.NotYetDue";
    public const string OnlyClinicians = "Safety.OnlyCliniciansAct";
    public const string ReviewIncomplete = "Safety.RiskReviewIncomplete";
    public const string PlanNeedsAStep = "Safety.PlanNeedsAStep";
    public const string PlanStepTooLong = "Safety.PlanStepTooLong";
    public const string PlanUnchanged = "Safety.PlanUnchanged";
    public const string CrisisResourceInvalid = "Safety.CrisisResourceInvalid";
}
