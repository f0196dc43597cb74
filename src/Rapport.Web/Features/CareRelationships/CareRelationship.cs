namespace Rapport.Web.Features.CareRelationships;

/// <summary>Where a patient and one clinician stand with each other (readme: the state diagram).</summary>
public enum CareStatus
{
    /// <summary>A first conversation is booked; the clinician sees only what the patient shared for it.</summary>
    Enquiry,
    /// <summary>A colleague proposed handing the patient over; this (receiving) clinician has not accepted yet.</summary>
    Handover,
    /// <summary>The clinician offered to take the patient into care; the patient has not confirmed yet.</summary>
    Offered,
    /// <summary>The clinician is responsible for the patient: the only state that opens the clinical record.</summary>
    Accepted,
    /// <summary>The clinician declined after the first conversation (or declined a handover).</summary>
    Declined,
    /// <summary>The patient withdrew the enquiry, or did not confirm the offer.</summary>
    Withdrawn,
    Discharged,
    Transferred,
}

/// <summary>
/// The explicit relationship between one patient and one clinician: it alone decides who reads the record, who is
/// told about risk and who books sessions (docs/architecture.md, "Care relationships"). Every change is a guarded
/// method that refuses with a named rule; the web layer never sets a state field.
/// </summary>
public sealed class CareRelationship
{
    private CareRelationship() { }

    public const int MaxReasonLength = 1000;
    public const int MaxHandoverLength = 4000;
    public const int MaxDeclineMessageLength = 1000;

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid ClinicianId { get; private set; }
    public CareStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    /// <summary>When the booked first conversation starts; the clinician decides about care only after it.</summary>
    public DateTimeOffset? FirstConversationAt { get; private set; }
    public DateTimeOffset? OfferedAt { get; private set; }
    /// <summary>When the patient confirmed and consented to sharing their record with this clinician.</summary>
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>Why it ended: the discharge reason, in the clinician's words. Clinical text: encrypted at rest.</summary>
    public string? EndReason { get; private set; }
    /// <summary>The kind words a patient reads when the clinician declines.</summary>
    public string? DeclineMessage { get; private set; }
    /// <summary>A colleague the declining clinician suggests the patient book instead.</summary>
    public Guid? SuggestedColleagueId { get; private set; }
    /// <summary>The course's ending review (when a course ran), kept with the discharge.</summary>
    public Guid? EndingReviewId { get; private set; }
    /// <summary>On a relationship made by a transfer: the one it takes over from.</summary>
    public Guid? TransferredFromId { get; private set; }
    /// <summary>On the relationship being handed over: the receiving relationship, while the transfer is under way or once done.</summary>
    public Guid? TransferredToId { get; private set; }
    /// <summary>What the receiving clinician needs to know. Clinical text: encrypted at rest.</summary>
    public string? HandoverNote { get; private set; }
    public int Version { get; private set; }

    public static readonly CareStatus[] OpenStatuses = [CareStatus.Enquiry, CareStatus.Handover, CareStatus.Offered, CareStatus.Accepted];

    /// <summary>First conversations the patient is waiting on: the ones <c>Booking:MaxOpenEnquiries</c> counts.</summary>
    public static readonly CareStatus[] FirstConversationStatuses = [CareStatus.Enquiry, CareStatus.Offered];

    public bool IsOpen => OpenStatuses.Contains(Status);
    public bool IsResponsible => Status == CareStatus.Accepted;
    public bool IsFromTransfer => TransferredFromId is not null;

    /// <summary>A patient books a first conversation with a clinician they have no open relationship with.</summary>
    public static CareRelationship OpenEnquiry(Guid patientId, Guid clinicianId, DateTimeOffset firstConversationAt, DateTimeOffset now)
    {
        if (patientId == clinicianId)
        {
            throw new RuleViolationException(CareRelationshipRules.NotWithOneself, "A clinician cannot be their own patient.");
        }
        return new CareRelationship
        {
            Id = Guid.CreateVersion7(now),
            PatientId = patientId,
            ClinicianId = clinicianId,
            Status = CareStatus.Enquiry,
            OpenedAt = now,
            FirstConversationAt = firstConversationAt,
        };
    }

    /// <summary>The first conversation was booked again or moved: decisions wait until the new time.</summary>
    public void FirstConversationBooked(DateTimeOffset startUtc)
    {
        if (Status == CareStatus.Enquiry)
        {
            FirstConversationAt = startUtc;
            Version++;
        }
    }

    /// <summary>The clinician offers to take the patient into care; the patient then confirms (<see cref="Confirm"/>).</summary>
    public void OfferCare(Guid clinicianId, DateTimeOffset now)
    {
        EnsureClinician(clinicianId);
        if (Status != CareStatus.Enquiry)
        {
            throw new RuleViolationException(CareRelationshipRules.OfferOnlyAfterEnquiry, Status == CareStatus.Offered
                ? "You have already offered to take this patient into care; they have not confirmed yet."
                : "Only an open enquiry can be accepted into care.");
        }
        if (FirstConversationAt is { } first && now < first)
        {
            throw new RuleViolationException(CareRelationshipRules.DecideAfterFirstConversation,
                "Decide about care after the first conversation, once you have met.");
        }
        Status = CareStatus.Offered;
        OfferedAt = now;
        Version++;
    }

    /// <summary>
    /// The patient confirms the clinician as the one responsible for them and consents to sharing their record with
    /// them. Only now does the clinician read the record. A transfer completes here (the caller ends the old one).
    /// </summary>
    public void Confirm(Guid patientId, bool consentsToSharing, DateTimeOffset now)
    {
        EnsurePatient(patientId);
        if (Status != CareStatus.Offered)
        {
            throw new RuleViolationException(CareRelationshipRules.ConfirmOnlyAnOffer, "There is no offer of care to confirm.");
        }
        if (!consentsToSharing)
        {
            throw new RuleViolationException(CareRelationshipRules.ConfirmNeedsConsent,
                "Tick the box to agree that this therapist may read your record; without it they cannot treat you.");
        }
        Status = CareStatus.Accepted;
        AcceptedAt = now;
        Version++;
    }

    /// <summary>The clinician declines after the first conversation, or declines a proposed handover.</summary>
    public void Decline(Guid clinicianId, string message, Guid? suggestedColleagueId, DateTimeOffset now)
    {
        EnsureClinician(clinicianId);
        if (Status is not (CareStatus.Enquiry or CareStatus.Handover or CareStatus.Offered))
        {
            throw new RuleViolationException(CareRelationshipRules.DeclineOnlyBeforeCare,
                "Only an enquiry or a handover can be declined; a patient in your care is discharged or transferred.");
        }
        if (Status == CareStatus.Enquiry && FirstConversationAt is { } first && now < first)
        {
            throw new RuleViolationException(CareRelationshipRules.DecideAfterFirstConversation,
                "Decide about care after the first conversation, once you have met.");
        }
        message = Required(message, MaxDeclineMessageLength, CareRelationshipRules.DeclineNeedsMessage,
            "Write a few kind words for the patient: they will read them.");
        if (suggestedColleagueId == ClinicianId || suggestedColleagueId == PatientId)
        {
            throw new RuleViolationException(CareRelationshipRules.SuggestAnotherColleague, "Suggest a colleague other than yourself.");
        }
        Status = CareStatus.Declined;
        DeclineMessage = message;
        SuggestedColleagueId = suggestedColleagueId;
        EndedAt = now;
        Version++;
    }

    /// <summary>The patient withdraws an enquiry or turns down an offer (or a transfer they do not want).</summary>
    public void Withdraw(Guid patientId, DateTimeOffset now)
    {
        EnsurePatient(patientId);
        if (Status is not (CareStatus.Enquiry or CareStatus.Offered or CareStatus.Handover))
        {
            throw new RuleViolationException(CareRelationshipRules.WithdrawOnlyBeforeCare,
                "Only an enquiry or an offer can be withdrawn; to end your care, speak to your therapist.");
        }
        Status = CareStatus.Withdrawn;
        EndedAt = now;
        Version++;
    }

    /// <summary>The responsible clinician ends care: the date, the reason and, when a course ran, its ending review.</summary>
    public void Discharge(Guid clinicianId, string reason, Guid? endingReviewId, DateTimeOffset now)
    {
        EnsureClinician(clinicianId);
        EnsureResponsible(CareRelationshipRules.DischargeOnlyInCare, "Only a patient in your care can be discharged.");
        if (TransferredToId is not null)
        {
            throw new RuleViolationException(CareRelationshipRules.OneTransferAtATime,
                "A transfer to a colleague is under way; withdraw it before discharging.");
        }
        EndReason = Required(reason, MaxReasonLength, CareRelationshipRules.DischargeNeedsReason, "Say why care ends (for the record).");
        EndingReviewId = endingReviewId;
        Status = CareStatus.Discharged;
        EndedAt = now;
        Version++;
    }

    /// <summary>
    /// The responsible clinician proposes handing the patient over. Returns the receiving relationship, which the
    /// colleague must accept (<see cref="AcceptHandover"/>) and the patient then confirm; until then this clinician
    /// stays responsible, so the patient is never without one.
    /// </summary>
    public CareRelationship ProposeTransfer(Guid clinicianId, Guid toClinicianId, string handoverNote, DateTimeOffset now)
    {
        EnsureClinician(clinicianId);
        EnsureResponsible(CareRelationshipRules.TransferOnlyInCare, "Only a patient in your care can be transferred.");
        if (TransferredToId is not null)
        {
            throw new RuleViolationException(CareRelationshipRules.OneTransferAtATime, "A transfer is already under way.");
        }
        if (toClinicianId == ClinicianId || toClinicianId == PatientId)
        {
            throw new RuleViolationException(CareRelationshipRules.SuggestAnotherColleague, "Transfer to a colleague other than yourself.");
        }
        var note = Required(handoverNote, MaxHandoverLength, CareRelationshipRules.TransferNeedsHandover,
            "Write a handover note: what your colleague needs to know to take over.");
        var receiving = new CareRelationship
        {
            Id = Guid.CreateVersion7(now),
            PatientId = PatientId,
            ClinicianId = toClinicianId,
            Status = CareStatus.Handover,
            OpenedAt = now,
            TransferredFromId = Id,
            HandoverNote = note,
        };
        TransferredToId = receiving.Id;
        Version++;
        return receiving;
    }

    /// <summary>The receiving clinician accepts a handover; the patient is then asked to confirm them.</summary>
    public void AcceptHandover(Guid clinicianId, DateTimeOffset now)
    {
        EnsureClinician(clinicianId);
        if (Status != CareStatus.Handover)
        {
            throw new RuleViolationException(CareRelationshipRules.AcceptOnlyAHandover, "There is no handover waiting for you.");
        }
        Status = CareStatus.Offered;
        OfferedAt = now;
        Version++;
    }

    /// <summary>The clinician who proposed the transfer withdraws it, before the patient confirms (the receiving side's view).</summary>
    public void CancelHandover(DateTimeOffset now)
    {
        if (!IsFromTransfer || Status is not (CareStatus.Handover or CareStatus.Offered))
        {
            throw new RuleViolationException(CareRelationshipRules.OneTransferAtATime, "This transfer is no longer under way.");
        }
        Status = CareStatus.Withdrawn;
        EndedAt = now;
        Version++;
    }

    /// <summary>The receiving side declined or the patient withdrew: this clinician stays responsible, free to try again.</summary>
    public void TransferFellThrough(Guid receivingId)
    {
        if (TransferredToId == receivingId && Status == CareStatus.Accepted)
        {
            TransferredToId = null;
            Version++;
        }
    }

    /// <summary>The patient confirmed the receiving clinician: this relationship ends as transferred.</summary>
    public void CompleteTransfer(CareRelationship receiving, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(receiving);
        if (Status != CareStatus.Accepted || TransferredToId != receiving.Id || receiving.Status != CareStatus.Accepted)
        {
            throw new RuleViolationException(CareRelationshipRules.TransferOnlyInCare, "This transfer is no longer under way.");
        }
        Status = CareStatus.Transferred;
        EndedAt = now;
        EndReason = "Transferred to a colleague.";
        Version++;
    }

    private void EnsureResponsible(string rule, string message)
    {
        if (Status != CareStatus.Accepted)
        {
            throw new RuleViolationException(rule, message);
        }
    }

    // Someone else's relationship is "not found", exactly like one that does not exist.
    private void EnsureClinician(Guid clinicianId)
    {
        if (clinicianId != ClinicianId)
        {
            throw new NotFoundException("No such care relationship.");
        }
    }

    private void EnsurePatient(Guid patientId)
    {
        if (patientId != PatientId)
        {
            throw new NotFoundException("No such care relationship.");
        }
    }

    private static string Required(string? text, int max, string rule, string message)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new RuleViolationException(rule, message);
        }
        if (trimmed.Length > max)
        {
            throw new RuleViolationException(CareRelationshipRules.TextTooLong, $"Keep it to {max} characters (this is {trimmed.Length}).");
        }
        return trimmed;
    }
}

/// <summary>
/// A dated period in which a colleague covers for the responsible clinician (holidays, illness): they read the
/// record and receive the alerts, as the responsible clinician does, until it ends or is cancelled.
/// </summary>
public sealed class CoverPeriod
{
    private CoverPeriod() { }

    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(92);

    public Guid Id { get; private set; }
    public Guid RelationshipId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid CoveringClinicianId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public Guid SetById { get; private set; }
    public DateTimeOffset SetAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    public bool IsActiveAt(DateTimeOffset at) => CancelledAt is null && StartsAt <= at && at < EndsAt;

    public static CoverPeriod Arrange(CareRelationship relationship, Guid coveringClinicianId, DateTimeOffset startsAt, DateTimeOffset endsAt,
        Guid setById, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(relationship);
        if (!relationship.IsResponsible)
        {
            throw new RuleViolationException(CareRelationshipRules.CoverOnlyInCare, "Cover is arranged for a patient in someone's care.");
        }
        if (coveringClinicianId == relationship.ClinicianId || coveringClinicianId == relationship.PatientId)
        {
            throw new RuleViolationException(CareRelationshipRules.CoverByAnotherClinician, "Choose a colleague to cover, not the responsible clinician.");
        }
        if (endsAt <= startsAt || endsAt <= now)
        {
            throw new RuleViolationException(CareRelationshipRules.CoverDates, "Cover ends after it starts, and not in the past.");
        }
        if (endsAt - startsAt > MaxLength)
        {
            throw new RuleViolationException(CareRelationshipRules.CoverDates,
                $"Cover lasts at most {MaxLength.TotalDays:0} days; for longer, transfer the patient.");
        }
        return new CoverPeriod
        {
            Id = Guid.CreateVersion7(now),
            RelationshipId = relationship.Id,
            PatientId = relationship.PatientId,
            CoveringClinicianId = coveringClinicianId,
            // Kept as instants in UTC, whatever offset the caller wrote them with (PostgreSQL stores only UTC offsets).
            StartsAt = startsAt.ToUniversalTime(),
            EndsAt = endsAt.ToUniversalTime(),
            SetById = setById,
            SetAt = now,
        };
    }

    public void Cancel(DateTimeOffset now)
    {
        if (CancelledAt is not null || EndsAt <= now)
        {
            throw new RuleViolationException(CareRelationshipRules.CoverDates, "This cover has already ended.");
        }
        CancelledAt = now;
    }
}

/// <summary>A clinician who supervises another's clinical work and reads the courses of that therapist's patients (read-only).</summary>
public sealed class SupervisionAssignment
{
    private SupervisionAssignment() { }

    public Guid Id { get; private set; }
    public Guid SupervisorId { get; private set; }
    public Guid TherapistId { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public Guid AssignedById { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public static SupervisionAssignment Assign(Guid supervisorId, Guid therapistId, Guid byId, DateTimeOffset now)
    {
        if (supervisorId == therapistId)
        {
            throw new RuleViolationException(CareRelationshipRules.SupervisorIsAnotherClinician, "A therapist cannot supervise themself.");
        }
        return new SupervisionAssignment { Id = Guid.CreateVersion7(now), SupervisorId = supervisorId, TherapistId = therapistId, AssignedAt = now, AssignedById = byId };
    }

    public void End(DateTimeOffset now)
    {
        if (EndedAt is not null)
        {
            throw new RuleViolationException(CareRelationshipRules.SupervisionAlreadyEnded, "This supervision has already ended.");
        }
        EndedAt = now;
    }
}

/// <summary>A clinician on duty as clinical lead for a dated period: receives what has no responsible clinician.</summary>
public sealed class ClinicalLeadShift
{
    private ClinicalLeadShift() { }

    public Guid Id { get; private set; }
    public Guid ClinicianId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public Guid SetById { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    public static ClinicalLeadShift Plan(Guid clinicianId, DateTimeOffset startsAt, DateTimeOffset endsAt, Guid byId, DateTimeOffset now)
    {
        if (endsAt <= startsAt || endsAt <= now)
        {
            throw new RuleViolationException(CareRelationshipRules.RotaDates, "A duty period ends after it starts, and not in the past.");
        }
        if (endsAt - startsAt > TimeSpan.FromDays(31))
        {
            throw new RuleViolationException(CareRelationshipRules.RotaDates, "Plan the rota in periods of at most 31 days.");
        }
        return new ClinicalLeadShift { Id = Guid.CreateVersion7(now), ClinicianId = clinicianId, StartsAt = startsAt, EndsAt = endsAt, SetById = byId };
    }

    public void Cancel(DateTimeOffset now)
    {
        if (CancelledAt is not null || EndsAt <= now)
        {
            throw new RuleViolationException(CareRelationshipRules.RotaDates, "This duty period has already ended.");
        }
        CancelledAt = now;
    }
}

/// <summary>Named rules (readme, "Rules"): the code a refusal carries in ProblemDetails' <c>rule</c>.</summary>
public static class CareRelationshipRules
{
    public const string NotWithOneself = "Care.NotWithOneself";
    public const string OneOpenPerClinician = "Care.OneOpenPerClinician";
    public const string OneResponsibleClinician = "Care.OneResponsibleClinician";
    public const string OfferOnlyAfterEnquiry = "Care.OfferOnlyAfterEnquiry";
    public const string DecideAfterFirstConversation = "Care.DecideAfterFirstConversation";
    public const string ConfirmOnlyAnOffer = "Care.ConfirmOnlyAnOffer";
    public const string ConfirmNeedsConsent = "Care.ConfirmNeedsConsent";
    public const string DeclineOnlyBeforeCare = "Care.DeclineOnlyBeforeCare";
    public const string DeclineNeedsMessage = "Care.DeclineNeedsMessage";
    public const string SuggestAnotherColleague = "Care.SuggestAnotherColleague";
    public const string WithdrawOnlyBeforeCare = "Care.WithdrawOnlyBeforeCare";
    public const string DischargeOnlyInCare = "Care.DischargeOnlyInCare";
    public const string DischargeNeedsReason = "Care.DischargeNeedsReason";
    public const string TransferOnlyInCare = "Care.TransferOnlyInCare";
    public const string TransferNeedsHandover = "Care.TransferNeedsHandover";
    public const string OneTransferAtATime = "Care.OneTransferAtATime";
    public const string ColleagueMustBeAClinician = "Care.ColleagueMustBeAClinician";
    public const string CoverOnlyInCare = "Care.CoverOnlyInCare";
    public const string CoverByAnotherClinician = "Care.CoverByAnotherClinician";
    public const string CoverDates = "Care.CoverDates";
    public const string SupervisorIsAnotherClinician = "Care.SupervisorIsAnotherClinician";
    public const string SupervisionAlreadyInPlace = "Care.SupervisionAlreadyInPlace";
    public const string SupervisionAlreadyEnded = "Care.SupervisionAlreadyEnded";
    public const string AcceptOnlyAHandover = "Care.AcceptOnlyAHandover";
    public const string RotaDates = "Care.RotaDates";
    public const string TextTooLong = "Care.TextTooLong";
    public const string MaxOpenEnquiries = "Care.MaxOpenEnquiries";
    public const string CoverNotSelfArranged = "Care.CoverNotSelfArranged";
    public const string DeclinedRecently = "Care.DeclinedRecently";
    public const string NotForOneself = "Care.NotForOneself";
    public const string ChangedMeanwhile = "Care.ChangedMeanwhile";
}
