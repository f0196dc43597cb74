using System.Globalization;
using System.Text;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// One entry of the append-only audit log. Entries are sealed in blocks (<see cref="AuditBlock"/>): each block is a
/// Merkle tree over its entries whose signed head chains to the block before, so editing, deleting or inserting an
/// entry, or rewriting the chain without the signing key, is found by <see cref="AuditVerifier"/>.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    /// <summary>Position in the log, 1-based, with no gaps: assigned by <see cref="AuditWriter"/> alone.</summary>
    public long Sequence { get; private set; }
    /// <summary>The block that seals this entry.</summary>
    public long Block { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string Action { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public Guid? PatientId { get; private set; }
    public string? Subject { get; private set; }
    public string? IpAddress { get; private set; }
    public string? Detail { get; private set; }

    internal static AuditEvent Seal(long sequence, long block, AuditEntry entry, DateTimeOffset occurredAt) => new()
    {
        Sequence = sequence,
        Block = block,
        OccurredAt = AuditTime.Truncate(occurredAt),
        Action = entry.Action,
        Outcome = entry.Outcome,
        UserId = entry.UserId,
        PatientId = entry.PatientId,
        Subject = entry.Subject,
        IpAddress = entry.IpAddress,
        Detail = entry.Detail,
    };

    /// <summary>
    /// The bytes the Merkle leaf is computed from. Fields are length-prefixed so that moving text between fields
    /// changes the leaf; the block number is not included, the block's root already commits to its leaves.
    /// </summary>
    public byte[] LeafContent()
    {
        var sb = new StringBuilder();
        foreach (var field in new[]
        {
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Action, Outcome, UserId?.ToString() ?? "", PatientId?.ToString() ?? "",
            Subject ?? "", IpAddress ?? "", Detail ?? "",
        })
        {
            sb.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public byte[] LeafHash() => MerkleTree.HashLeaf(LeafContent());
}

internal static class AuditTime
{
    /// <summary>Microseconds are the finest both databases keep, so hashes recompute after a round trip.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}

/// <summary>What a caller asks to record; the writer adds time, position and hashes.</summary>
public sealed record AuditEntry(
    string Action,
    string Outcome = AuditOutcome.Success,
    Guid? UserId = null,
    Guid? PatientId = null,
    string? Subject = null,
    string? IpAddress = null,
    string? Detail = null);

public static class AuditOutcome
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}

/// <summary>Names of audited actions. Stable strings: they are stored and filtered on.</summary>
public static class AuditAction
{
    public const string SignIn = "account.sign-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string SignOut = "account.sign-out";
    public const string LockedOut = "account.locked-out";
    public const string Registered = "account.registered";
    public const string PhoneNumberChanged = "account.phone-changed";
    /// <summary>The person changed their name, time zone, language or country; the detail names which, never the values.</summary>
    public const string DetailsChanged = "account.details-changed";
    public const string EmailConfirmed = "account.email-confirmed";
    public const string PasswordReset = "account.password-reset";
    public const string TwoFactorEnabled = "account.2fa-enabled";
    public const string TwoFactorDisabled = "account.2fa-disabled";
    public const string RecoveryCodesGenerated = "account.2fa-recovery-codes";
    public const string RecoveryCodeUsed = "account.2fa-recovery-code-used";
    public const string RoleGranted = "account.role-granted";
    public const string RoleRevoked = "account.role-revoked";
    /// <summary>A refresh token was used a second time: someone holds a copy, so its whole family was revoked.</summary>
    public const string TokenReplayed = "account.token-replayed";
    public const string InvitationIssued = "invitation.issued";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string ReadAuditLog = "audit.read";
    public const string VerifiedAuditChain = "audit.verify";
    public const string AuditProofRead = "audit.proof-read";
    public const string ListedUsers = "admin.users-read";
    public const string ReadAppointment = "appointment.read";
    public const string CareAccessDenied = "care.access-denied";
    public const string SignedNotesRead = "care.signed-notes-read";
    public const string CareEnquiryOpened = "care.enquiry-opened";
    public const string CareOffered = "care.offered";
    public const string CareAccepted = "care.accepted";
    public const string CareDeclined = "care.declined";
    public const string CareWithdrawn = "care.withdrawn";
    public const string CareDischarged = "care.discharged";
    public const string CareTransferProposed = "care.transfer-proposed";
    public const string CareHandoverAccepted = "care.handover-accepted";
    public const string CareTransferred = "care.transferred";
    public const string CareTransferCancelled = "care.transfer-cancelled";
    public const string CareCoverArranged = "care.cover-arranged";
    public const string CareCoverCancelled = "care.cover-cancelled";
    public const string SupervisorAssigned = "care.supervisor-assigned";
    public const string SupervisorEnded = "care.supervisor-ended";
    public const string ClinicalLeadRota = "care.lead-rota";
    public const string ReadCareTeam = "care.team-read";
    public const string ReadCaseload = "care.caseload-read";
    public const string ReadCareTeamRota = "care.rota-read";
    public const string ListedAppointments = "appointment.list";
    /// <summary>The patient's own data-rights page: their records to download and the erasure request (DataRights readme).</summary>
    public const string ReadDataRights = "data.page-read";
    /// <summary>The patient downloaded the readable (PDF) copy of their records.</summary>
    public const string RecordsCopyRead = "data.copy-read";
    public const string ErasureRequested = "data.erasure-requested";
    public const string ErasureCancelled = "data.erasure-cancelled";
    /// <summary>The sign-in identity and what is not clinical were erased; the detail counts what went, never its content.</summary>
    public const string ErasureCarriedOut = "data.erasure-carried-out";
    /// <summary>The clinical record of an erased account was purged after its retention; the detail counts rows by kind.</summary>
    public const string RecordsPurged = "data.records-purged";
    /// <summary>An admin read the list of erasure requests and upcoming purges.</summary>
    public const string ReadDataRequests = "data.requests-read";
    public const string AppointmentBooked = "appointment.booked";
    public const string AppointmentCancelled = "appointment.cancelled";
    public const string AppointmentRescheduled = "appointment.rescheduled";
    public const string TherapistProfileSaved = "therapist.profile-saved";
    public const string TherapistProfileSubmitted = "therapist.profile-submitted";
    public const string TherapistProfileApproved = "therapist.profile-approved";
    public const string TherapistProfileReturned = "therapist.profile-returned";
    public const string AvailabilityChanged = "booking.availability-changed";
    public const string AppointmentMarkedMissed = "booking.appointment-marked-missed";
    public const string CalendarFeedCreated = "calendar.feed-created";
    public const string CalendarFeedRevoked = "calendar.feed-revoked";
    public const string CalendarFeedRead = "calendar.feed-read";
    public const string InstrumentsRead = "assessment.instruments-read";
    public const string AssessmentSubmitted = "assessment.submitted";
    public const string AssessmentSubmitFailed = "assessment.submit-refused";
    public const string MeasurementsRead = "assessment.measurements-read";
    public const string MeasureRequested = "assessment.measure-requested";
    public const string MeasurementPlanChanged = "assessment.plan-changed";
    public const string IntakeSaved = "intake.saved";
    public const string IntakeRead = "intake.read";
    public const string ConsentGiven = "consent.given";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string InstrumentLicenceRecorded = "assessment.licence-recorded";
    public const string SafetyAlertRaised = "safety.alert-raised";
    public const string SafetyAlertRead = "safety.alert-read";
    public const string SafetyAlertAcknowledged = "safety.alert-acknowledged";
    public const string SafetyAlertEscalated = "safety.alert-escalated";
    public const string SafetyAlertReminded = "safety.alert-reminded";
    public const string SafetyAlertClosed = "safety.alert-closed";
    public const string EmergencyAccessOpened = "care.emergency-access-opened";
    public const string EmergencyAccessEnded = "care.emergency-access-ended";
    public const string SafetyPlanSaved = "safety.plan-saved";
    public const string SafetyPlanRead = "safety.plan-read";
    public const string CrisisResourcesChanged = "safety.crisis-resources-changed";
    public const string LiveSessionOpened = "live.opened";
    public const string LiveSessionJoined = "live.joined";
    public const string LiveSessionAdmitted = "live.admitted";
    public const string LiveSessionSentBack = "live.sent-back";
    public const string LiveSessionLeft = "live.left";
    public const string LiveSessionEnded = "live.ended";
    public const string LiveSessionModeChanged = "live.mode-changed";
    public const string LiveSessionLocationConfirmed = "live.location-confirmed";
    public const string LiveSessionRefused = "live.refused";
    public const string CourseRead = "course.read";
    public const string CourseOpened = "course.opened";
    public const string CoursePhaseChanged = "course.phase-changed";
    public const string CourseSessionRecorded = "course.session-recorded";
    public const string InventorySaved = "course.inventory-saved";
    public const string FormulationSaved = "course.formulation-saved";
    public const string FormulationAgreed = "course.formulation-agreed";
    public const string ContractSaved = "course.contract-saved";
    public const string ContractSigned = "course.contract-signed";
    public const string CourseSeriesBooked = "course.series-booked";
    public const string SessionNoteSaved = "course.note-saved";
    public const string SessionNoteSigned = "course.note-signed";
    public const string SessionNoteAmended = "course.note-amended";
    public const string DecisionAnalysisSaved = "course.decision-saved";
    public const string DecisionFeedbackGiven = "course.decision-feedback";
    public const string TerminationReviewSaved = "course.review-saved";
    public const string MaintenancePlanned = "course.maintenance-planned";
    public const string RelapseAlertRaised = "course.relapse-alert-raised";
    public const string RelapseAlertAcknowledged = "course.relapse-alert-acknowledged";
    public const string TreatmentSummaryRead = "course.summary-read";
    public const string SupervisionRead = "course.supervision-read";
    public const string FidelityReviewed = "course.fidelity-reviewed";
    public const string MedicalModelRecorded = "course.medical-model-recorded";
    public const string ListedCourses = "course.list";
    public const string ReadCalendar = "booking.calendar-read";
    public const string ReadAvailability = "booking.availability-read";
    public const string ReadTherapistHome = "therapist.home-read";
    public const string ReadPatientHome = "patient.home-read";
    public const string ReadOwnProfile = "account.profile-read";
    public const string ReadTherapistProfile = "therapist.profile-read";
    public const string ReadTherapistProfiles = "therapist.profiles-read";
    public const string ListedInvitations = "invitation.list";
    public const string ReadCalendarSubscription = "calendar.subscription-read";
    public const string ReadConsents = "consent.read";
    /// <summary>One resource read through the FHIR API; the detail names its type and the count (Interoperability readme, rule 6).</summary>
    public const string FhirRead = "fhir.read";
    /// <summary>A FHIR search; the detail names the resource type and how many were returned, never their content.</summary>
    public const string FhirSearch = "fhir.search";
    /// <summary>A patient took their own copy of their records (GDPR articles 15 and 20); the detail counts each kind.</summary>
    public const string RecordExported = "record.exported";
    public const string ListedMeasures = "assessment.measures-listed";
    public const string ReadMeasureForm = "assessment.form-read";
    public const string ReadMeasureResult = "assessment.result-read";
    public const string AnswersPosted = "assessment.answers-posted";
    public const string AppointmentChangeRequested = "appointment.change-requested";
    public const string CareChangeRequested = "care.change-requested";
    public const string IceServersIssued = "live.ice-servers-issued";
    public const string ReadConversations = "message.conversations-read";
    public const string ReadMessages = "message.thread-read";
    public const string MessageSent = "message.sent";
    public const string MessageEdited = "message.edited";
    public const string MessageRetracted = "message.retracted";
    public const string MessagesMarkedRead = "message.marked-read";
    public const string MessageRiskFalsePositive = "message.risk-false-positive";
    public const string MessageWriteRequested = "message.write-requested";
}
