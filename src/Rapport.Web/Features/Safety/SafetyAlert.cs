using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

/// <summary>How long an alert may wait for its clinician before the admins are called in (issue 4 §6; configurable, "Safety" section).</summary>
public sealed class SafetyOptions
{
    public TimeSpan EscalateHighAfter { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan EscalateElevatedAfter { get; set; } = TimeSpan.FromHours(4);
    /// <summary>How often the escalation check runs.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan EscalateAfter(RiskLevel level) => level >= RiskLevel.High ? EscalateHighAfter : EscalateElevatedAfter;
}

/// <summary>
/// A risk answer that a clinician must look at. Raised in the same transaction as the answer, so an answer
/// can never exist without its alert; acknowledged with a note of the action taken; escalated to the clinic's
/// admins when nobody acknowledges in time (ipt.md §3: an automated flag starts an assessment, it never replaces one).
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
    /// <summary>The patient's therapist; null when they have none yet, and then the admins are alerted from the start.</summary>
    public Guid? AssignedTherapistId { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset EscalateAt { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public Guid? AcknowledgedById { get; private set; }
    /// <summary>What the clinician did. Clinical text: encrypted at rest.</summary>
    public string? ActionTaken { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => AcknowledgedAt is null;
    public bool IsEscalated => EscalatedAt is not null;

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
        ArgumentNullException.ThrowIfNull(options);
        if (answer.Level == RiskLevel.None)
        {
            throw new ArgumentException("Only a critical answer raises an alert.", nameof(answer));
        }
        return new SafetyAlert
        {
            Id = Guid.CreateVersion7(now),
            PatientId = patientId,
            ResponseId = responseId,
            InstrumentId = instrumentId,
            ItemNumber = answer.ItemNumber,
            ItemScore = answer.Score,
            Level = answer.Level,
            AssignedTherapistId = assignedTherapistId,
            RaisedAt = now,
            EscalateAt = now + options.EscalateAfter(answer.Level),
            // With nobody assigned, the admins are the first responders: the alert starts escalated.
            EscalatedAt = assignedTherapistId is null ? now : null,
        };
    }

    public bool IsDueForEscalation(DateTimeOffset now) => IsOpen && !IsEscalated && now >= EscalateAt;

    public void Escalate(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new RuleViolationException(SafetyRules.AlreadyAcknowledged, "This alert was already acknowledged.");
        }
        if (IsEscalated)
        {
            throw new RuleViolationException(SafetyRules.AlreadyEscalated, "This alert was already escalated.");
        }
        if (now < EscalateAt)
        {
            throw new RuleViolationException(SafetyRules.NotYetDue, "This alert is not yet due for escalation.");
        }
        EscalatedAt = now;
        Version++;
    }

    public void Acknowledge(Guid clinicianId, string actionTaken, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new RuleViolationException(SafetyRules.AlreadyAcknowledged, "This alert was already acknowledged.");
        }
        if (string.IsNullOrWhiteSpace(actionTaken) || actionTaken.Trim().Length < 5)
        {
            throw new RuleViolationException(SafetyRules.ActionRequired, "Write what you did (for example: called the patient, safety plan reviewed).");
        }
        if (actionTaken.Length > MaxActionLength)
        {
            throw new RuleViolationException(SafetyRules.ActionRequired, $"Keep the note under {MaxActionLength} characters.");
        }
        AcknowledgedAt = now;
        AcknowledgedById = clinicianId;
        ActionTaken = actionTaken.Trim();
        Version++;
    }

    /// <summary>A line for clinicians only (never for e-mail): which answer raised it.</summary>
    public string Trigger()
    {
        var instrument = InstrumentCatalog.Find(InstrumentId);
        var item = instrument?.Items.FirstOrDefault(i => i.Number == ItemNumber);
        var label = item?.Options.FirstOrDefault(o => o.Score == ItemScore)?.Label;
        return $"{instrument?.ShortName ?? InstrumentId} item {ItemNumber} answered {ItemScore}{(label is null ? "" : $" (\u201c{label}\u201d)")}";
    }
}

public static class SafetyRules
{
    public const string AlreadyAcknowledged = "Safety.AlreadyAcknowledged";
    public const string AlreadyEscalated = "Safety.AlreadyEscalated";
    public const string NotYetDue = "Safety.NotYetDue";
    public const string ActionRequired = "Safety.ActionRequired";
    public const string PlanNeedsAStep = "Safety.PlanNeedsAStep";
    public const string PlanStepTooLong = "Safety.PlanStepTooLong";
    public const string CrisisResourceInvalid = "Safety.CrisisResourceInvalid";
}
