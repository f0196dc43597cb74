using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>What the booking rules need to know about a patient and a clinician (Booking asks; it never reads these tables).</summary>
public enum BookingCare
{
    /// <summary>The clinician is responsible for the patient: sessions may be booked and moved.</summary>
    InCare,
    /// <summary>No open relationship: this booking is a first conversation and opens an enquiry.</summary>
    NewEnquiry,
    /// <summary>An enquiry is open: the first conversation may be booked again (after a cancellation) or moved.</summary>
    OpenEnquiry,
}

/// <summary>
/// Every change to care relationships, cover, supervision and the clinical-lead rota: the one operation pages, the
/// JSON API and demo data call, so each writes its audit row and its (content-free) e-mail whichever entry point
/// was used. Someone else's relationship is "not found".
/// </summary>
public sealed class CareRelationshipService(AppDbContext db, TimeProvider clock, Auditor audit, Outbox outbox, IConfiguration config,
    IEnumerable<ICareEndedHandler> careEnded, PeopleNames people)
{
    private string BaseUrl => config.PublicBaseUrl();

    /// <summary>After a clinician declines, the patient cannot open a new enquiry with them for this long (their reply stands).</summary>
    public static readonly TimeSpan DeclinedCoolOff = TimeSpan.FromDays(90);

    /// <summary>When the open enquiry between the two began, or null when there is none.</summary>
    public Task<DateTimeOffset?> OpenEnquirySinceAsync(Guid patientId, Guid clinicianId, CancellationToken ct) =>
        db.CareRelationships.Where(r => r.PatientId == patientId && r.ClinicianId == clinicianId && r.Status == CareStatus.Enquiry)
            .Select(r => (DateTimeOffset?)r.OpenedAt).FirstOrDefaultAsync(ct);

    /// <summary>How many first conversations a patient may wait on at once (<c>Booking:MaxOpenEnquiries</c>).</summary>
    public int MaxOpenEnquiries => config.GetValue("Booking:MaxOpenEnquiries", 2);

    /// <summary>
    /// Booking rights: may this patient book with this clinician, and what does it mean? Refuses (409) a patient
    /// waiting on a confirmation, a handover, or already on <see cref="MaxOpenEnquiries"/> first conversations.
    /// </summary>
    public async Task<BookingCare> BookingCareAsync(Guid patientId, Guid clinicianId, CancellationToken ct)
    {
        var open = await db.CareRelationships.AsNoTracking()
            .Where(r => r.PatientId == patientId && CareRelationship.OpenStatuses.Contains(r.Status)).ToListAsync(ct);
        var withClinician = open.FirstOrDefault(r => r.ClinicianId == clinicianId);
        switch (withClinician?.Status)
        {
            case CareStatus.Accepted:
                return BookingCare.InCare;
            case CareStatus.Enquiry:
                return BookingCare.OpenEnquiry;
            case CareStatus.Offered:
                throw new RuleViolationException(CareRelationshipRules.ConfirmOnlyAnOffer,
                    "This therapist has offered to take you into care. Confirm it on your home page, then book your sessions.");
            case CareStatus.Handover:
                throw new RuleViolationException(CareRelationshipRules.OneOpenPerClinician,
                    "Your care is being handed over to this therapist. Once they accept and you confirm, you can book.");
        }
        var recently = clock.GetUtcNow() - DeclinedCoolOff;
        if (await db.CareRelationships.AnyAsync(r => r.PatientId == patientId && r.ClinicianId == clinicianId && r.Status == CareStatus.Declined
            && r.EndedAt > recently, ct))
        {
            throw new RuleViolationException(CareRelationshipRules.DeclinedRecently,
                "This therapist has replied to your first conversation. Their reply is on your care page; please choose another therapist.");
        }
        if (open.Count(r => CareRelationship.FirstConversationStatuses.Contains(r.Status) && !r.IsFromTransfer) >= MaxOpenEnquiries)
        {
            throw new RuleViolationException(CareRelationshipRules.MaxOpenEnquiries,
                $"You already have {MaxOpenEnquiries} first conversations open. Wait for their answer, or withdraw one on your home page, before booking another.");
        }
        return BookingCare.NewEnquiry;
    }

    /// <summary>
    /// Adds to the caller's unit of work the enquiry a first-conversation booking opens (or moves the first
    /// conversation of an open one), so the booking and its enquiry commit together or not at all.
    /// </summary>
    public async Task FirstConversationBookedAsync(Guid patientId, Guid clinicianId, DateTimeOffset startUtc, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await db.CareRelationships.SingleOrDefaultAsync(r => r.PatientId == patientId && r.ClinicianId == clinicianId
            && CareRelationship.OpenStatuses.Contains(r.Status), ct);
        if (open is null)
        {
            db.CareRelationships.Add(CareRelationship.OpenEnquiry(patientId, clinicianId, startUtc, now));
        }
        else
        {
            open.FirstConversationBooked(startUtc);
        }
    }

    /// <summary>Stages the audit entry of an enquiry opened by a booking, so it commits with that booking.</summary>
    public void StageEnquiryOpened(Guid patientId, Guid clinicianId) =>
        audit.Stage(AuditAction.CareEnquiryOpened, userId: patientId, patientId: patientId, subject: clinicianId.ToString());

    public async Task<CareRelationship> OfferCareAsync(Guid relationshipId, Guid clinicianId, CancellationToken ct)
    {
        var relationship = await OfClinicianAsync(relationshipId, clinicianId, ct);
        var handover = relationship.Status == CareStatus.Handover;
        if (handover)
        {
            relationship.AcceptHandover(clinicianId, clock.GetUtcNow());
        }
        else
        {
            relationship.OfferCare(clinicianId, clock.GetUtcNow());
        }
        await TellAsync(relationship.PatientId, CareNews.CareUpdated,
            "/patient/care", $"care-offer:{relationship.Id:N}", ct);
        Stage(handover ? AuditAction.CareHandoverAccepted : AuditAction.CareOffered, relationship);
        await SaveAsync(ct);
        return relationship;
    }

    /// <summary>
    /// The patient confirms the offer and consents to share their record: the clinician becomes responsible. A
    /// transfer completes here, in the same transaction: the former clinician's relationship ends and its cover goes.
    /// </summary>
    public async Task<CareRelationship> ConfirmAsync(Guid relationshipId, Guid patientId, bool consentsToSharing, CancellationToken ct)
    {
        var relationship = await OfPatientAsync(relationshipId, patientId, ct);
        var now = clock.GetUtcNow();
        relationship.Confirm(patientId, consentsToSharing, now);
        CareRelationship? former = null;
        var ended = new List<CareRelationship>();
        if (relationship.TransferredFromId is { } fromId)
        {
            former = await db.CareRelationships.SingleAsync(r => r.Id == fromId, ct);
            former.CompleteTransfer(relationship, now);
            await EndCoverAsync(former.Id, now, ct);
            ended.Add(former);
            await TellAsync(former.ClinicianId, CareNews.HandoverComplete,
                "/therapist/care", $"care-transferred:{former.Id:N}", ct);
        }
        else if (await db.CareRelationships.AnyAsync(r => r.PatientId == patientId && r.Status == CareStatus.Accepted && r.Id != relationship.Id, ct))
        {
            throw new RuleViolationException(CareRelationshipRules.OneResponsibleClinician,
                "Another therapist is responsible for your care. Ask them to transfer you, or end that care first.");
        }
        await TellAsync(relationship.ClinicianId, CareNews.CareConfirmed,
            "/therapist/care", $"care-accepted:{relationship.Id:N}", ct);
        Stage(AuditAction.CareAccepted, relationship, detail: "patient confirmed and consented to sharing the record");
        if (former is not null)
        {
            Stage(AuditAction.CareTransferred, former, detail: $"to relationship {relationship.Id}");
        }
        await SaveAsync(ct, [.. ended]);
        return relationship;
    }

    public async Task<CareRelationship> DeclineAsync(Guid relationshipId, Guid clinicianId, string message, Guid? suggestedColleagueId, CancellationToken ct)
    {
        var relationship = await OfClinicianAsync(relationshipId, clinicianId, ct);
        if (suggestedColleagueId is { } colleague)
        {
            await EnsureClinicianAsync(colleague, ct);
        }
        relationship.Decline(clinicianId, message, suggestedColleagueId, clock.GetUtcNow());
        await UnwindTransferAsync(relationship, ct);
        await TellAsync(relationship.PatientId, CareNews.CareUpdated,
            "/patient/care", $"care-declined:{relationship.Id:N}", ct);
        Stage(AuditAction.CareDeclined, relationship);
        await SaveAsync(ct, relationship);
        return relationship;
    }

    public async Task<CareRelationship> WithdrawAsync(Guid relationshipId, Guid patientId, CancellationToken ct)
    {
        var relationship = await OfPatientAsync(relationshipId, patientId, ct);
        relationship.Withdraw(patientId, clock.GetUtcNow());
        await UnwindTransferAsync(relationship, ct);
        Stage(AuditAction.CareWithdrawn, relationship);
        await SaveAsync(ct, relationship);
        return relationship;
    }

    public async Task<CareRelationship> DischargeAsync(Guid relationshipId, Guid clinicianId, string reason, Guid? endingReviewId, CancellationToken ct)
    {
        var relationship = await OfClinicianAsync(relationshipId, clinicianId, ct);
        var now = clock.GetUtcNow();
        relationship.Discharge(clinicianId, reason, endingReviewId, now);
        await EndCoverAsync(relationship.Id, now, ct);
        await TellAsync(relationship.PatientId, CareNews.CareUpdated,
            "/patient/care", $"care-discharged:{relationship.Id:N}", ct);
        Stage(AuditAction.CareDischarged, relationship);
        await SaveAsync(ct, relationship);
        return relationship;
    }

    /// <summary>Proposes a handover to a colleague; returns the receiving relationship (they accept, the patient confirms).</summary>
    public async Task<CareRelationship> TransferAsync(Guid relationshipId, Guid clinicianId, Guid toClinicianId, string handoverNote, CancellationToken ct)
    {
        var relationship = await OfClinicianAsync(relationshipId, clinicianId, ct);
        await EnsureClinicianAsync(toClinicianId, ct);
        // Transferring to oneself finds one's own open relationship here; the entity's rule says what is wrong instead.
        if (toClinicianId != clinicianId && await db.CareRelationships.AnyAsync(r => r.PatientId == relationship.PatientId && r.ClinicianId == toClinicianId
            && CareRelationship.OpenStatuses.Contains(r.Status), ct))
        {
            throw new RuleViolationException(CareRelationshipRules.OneOpenPerClinician,
                "This colleague cannot take over this patient now. Choose another colleague, or ask them to reply on their care page.");
        }
        var receiving = relationship.ProposeTransfer(clinicianId, toClinicianId, handoverNote, clock.GetUtcNow());
        db.CareRelationships.Add(receiving);
        await TellAsync(toClinicianId, CareNews.TakeOverAsked,
            "/therapist/care", $"care-handover:{receiving.Id:N}", ct);
        Stage(AuditAction.CareTransferProposed, relationship, detail: $"to relationship {receiving.Id}");
        await SaveAsync(ct);
        return receiving;
    }

    /// <summary>
    /// The clinician who proposed a transfer withdraws it while it waits for the colleague or the patient: they stay
    /// responsible, free to discharge or to transfer to someone else.
    /// </summary>
    public async Task<CareRelationship> CancelTransferAsync(Guid relationshipId, Guid clinicianId, CancellationToken ct)
    {
        var relationship = await OfClinicianAsync(relationshipId, clinicianId, ct);
        if (relationship.TransferredToId is not { } toId || !relationship.IsResponsible)
        {
            throw new RuleViolationException(CareRelationshipRules.OneTransferAtATime, "No transfer is under way for this patient.");
        }
        var receiving = await db.CareRelationships.SingleAsync(r => r.Id == toId, ct);
        receiving.CancelHandover(clock.GetUtcNow());
        relationship.TransferFellThrough(receiving.Id);
        await TellAsync(receiving.ClinicianId, CareNews.CarePageUpdated,
            "/therapist/care", $"care-transfer-withdrawn:{receiving.Id:N}", ct);
        Stage(AuditAction.CareTransferCancelled, relationship, detail: $"relationship {receiving.Id} withdrawn");
        await SaveAsync(ct, receiving);
        return relationship;
    }

    /// <summary>Cover for a dated period, set by the responsible clinician or the clinical lead on duty.</summary>
    public async Task<CoverPeriod> ArrangeCoverAsync(Guid relationshipId, Guid callerId, Guid coveringClinicianId, DateTimeOffset startsAt,
        DateTimeOffset endsAt, CancellationToken ct)
    {
        var relationship = await db.CareRelationships.SingleOrDefaultAsync(r => r.Id == relationshipId, ct)
            ?? throw new NotFoundException("No such care relationship.");
        await EnsureResponsibleOrLeadAsync(relationship, callerId, ct);
        if (coveringClinicianId == callerId && relationship.ClinicianId != callerId)
        {
            // The lead on duty arranges cover for others; naming themself would open a record to them without the
            // patient's consent, for longer than their duty.
            throw new RuleViolationException(CareRelationshipRules.CoverNotSelfArranged,
                "The clinical lead arranges cover by a colleague, not by themself.");
        }
        await EnsureClinicianAsync(coveringClinicianId, ct);
        var cover = CoverPeriod.Arrange(relationship, coveringClinicianId, startsAt, endsAt, callerId, clock.GetUtcNow());
        db.CoverPeriods.Add(cover);
        await TellAsync(coveringClinicianId, CareNews.CoverAsked,
            "/therapist/care", $"care-cover:{cover.Id:N}", ct);
        audit.Stage(AuditAction.CareCoverArranged, patientId: relationship.PatientId, subject: cover.Id.ToString(),
            detail: $"covering {coveringClinicianId} from {startsAt:u} to {endsAt:u}");
        await SaveAsync(ct);
        return cover;
    }

    public async Task CancelCoverAsync(Guid coverId, Guid callerId, CancellationToken ct)
    {
        var cover = await db.CoverPeriods.SingleOrDefaultAsync(c => c.Id == coverId, ct) ?? throw new NotFoundException("No such cover.");
        var relationship = await db.CareRelationships.SingleAsync(r => r.Id == cover.RelationshipId, ct);
        await EnsureResponsibleOrLeadAsync(relationship, callerId, ct);
        cover.Cancel(clock.GetUtcNow());
        audit.Stage(AuditAction.CareCoverCancelled, patientId: cover.PatientId, subject: cover.Id.ToString());
        await SaveAsync(ct);
    }

    public async Task<SupervisionAssignment> AssignSupervisorAsync(Guid supervisorId, Guid therapistId, Guid adminId, CancellationToken ct)
    {
        if (supervisorId == adminId || therapistId == adminId)
        {
            // An admin who is also a clinician would otherwise give themself every supervisee's records: another admin decides.
            throw new RuleViolationException(CareRelationshipRules.NotForOneself, "Another admin assigns supervision that involves you.");
        }
        await EnsureClinicianAsync(supervisorId, ct);
        await EnsureClinicianAsync(therapistId, ct);
        if (await db.SupervisionAssignments.AnyAsync(s => s.SupervisorId == supervisorId && s.TherapistId == therapistId && s.EndedAt == null, ct))
        {
            throw new RuleViolationException(CareRelationshipRules.SupervisionAlreadyInPlace, "This supervision is already in place.");
        }
        var assignment = SupervisionAssignment.Assign(supervisorId, therapistId, adminId, clock.GetUtcNow());
        db.SupervisionAssignments.Add(assignment);
        audit.Stage(AuditAction.SupervisorAssigned, subject: assignment.Id.ToString(), detail: $"{supervisorId} supervises {therapistId}");
        await SaveAsync(ct);
        return assignment;
    }

    public async Task EndSupervisionAsync(Guid assignmentId, CancellationToken ct)
    {
        var assignment = await db.SupervisionAssignments.SingleOrDefaultAsync(s => s.Id == assignmentId, ct) ?? throw new NotFoundException("No such supervision.");
        assignment.End(clock.GetUtcNow());
        audit.Stage(AuditAction.SupervisorEnded, subject: assignment.Id.ToString());
        await SaveAsync(ct);
    }

    public async Task<ClinicalLeadShift> PlanLeadShiftAsync(Guid clinicianId, DateTimeOffset startsAt, DateTimeOffset endsAt, Guid adminId, CancellationToken ct)
    {
        if (clinicianId == adminId)
        {
            throw new RuleViolationException(CareRelationshipRules.NotForOneself, "Another admin puts you on the rota.");
        }
        await EnsureClinicianAsync(clinicianId, ct);
        var shift = ClinicalLeadShift.Plan(clinicianId, startsAt, endsAt, adminId, clock.GetUtcNow());
        db.ClinicalLeadShifts.Add(shift);
        audit.Stage(AuditAction.ClinicalLeadRota, subject: shift.Id.ToString(), detail: $"{clinicianId} on duty {startsAt:u} to {endsAt:u}");
        await SaveAsync(ct);
        return shift;
    }

    public async Task CancelLeadShiftAsync(Guid shiftId, CancellationToken ct)
    {
        var shift = await db.ClinicalLeadShifts.SingleOrDefaultAsync(s => s.Id == shiftId, ct) ?? throw new NotFoundException("No such duty period.");
        shift.Cancel(clock.GetUtcNow());
        audit.Stage(AuditAction.ClinicalLeadRota, subject: shift.Id.ToString(), detail: "cancelled");
        await SaveAsync(ct);
    }

    /// <summary>A patient's relationships, newest first: the current ones and their history.</summary>
    public async Task<IReadOnlyList<CareRelationship>> OfPatientAsync(Guid patientId, CancellationToken ct) =>
        await db.CareRelationships.AsNoTracking().Where(r => r.PatientId == patientId).OrderByDescending(r => r.OpenedAt).ToListAsync(ct);

    /// <summary>A clinician's relationships (every state), newest first, for the caseload grouped by state.</summary>
    public async Task<IReadOnlyList<CareRelationship>> CaseloadAsync(Guid clinicianId, CancellationToken ct) =>
        await db.CareRelationships.AsNoTracking().Where(r => r.ClinicianId == clinicianId).OrderByDescending(r => r.OpenedAt).ToListAsync(ct);

    /// <summary>Cover periods in which this clinician covers, not yet over.</summary>
    public async Task<IReadOnlyList<CoverPeriod>> CoveringAsync(Guid clinicianId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.CoverPeriods.AsNoTracking().Where(c => c.CoveringClinicianId == clinicianId && c.CancelledAt == null && c.EndsAt > now)
            .OrderBy(c => c.StartsAt).ToListAsync(ct);
    }

    /// <summary>Cover arranged for this clinician's patients, not yet over.</summary>
    public async Task<IReadOnlyList<CoverPeriod>> CoverForAsync(IReadOnlyCollection<Guid> relationshipIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.CoverPeriods.AsNoTracking().Where(c => relationshipIds.Contains(c.RelationshipId) && c.CancelledAt == null && c.EndsAt > now)
            .OrderBy(c => c.StartsAt).ToListAsync(ct);
    }

    private async Task<CareRelationship> OfClinicianAsync(Guid relationshipId, Guid clinicianId, CancellationToken ct) =>
        await db.CareRelationships.SingleOrDefaultAsync(r => r.Id == relationshipId && r.ClinicianId == clinicianId, ct)
        ?? throw new NotFoundException("No such care relationship.");

    private async Task<CareRelationship> OfPatientAsync(Guid relationshipId, Guid patientId, CancellationToken ct) =>
        await db.CareRelationships.SingleOrDefaultAsync(r => r.Id == relationshipId && r.PatientId == patientId, ct)
        ?? throw new NotFoundException("No such care relationship.");

    private async Task EnsureResponsibleOrLeadAsync(CareRelationship relationship, Guid callerId, CancellationToken ct)
    {
        if (relationship.ClinicianId == callerId && relationship.IsResponsible)
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (await db.ClinicalLeadShifts.AnyAsync(s => s.ClinicianId == callerId && s.CancelledAt == null && s.StartsAt <= now && s.EndsAt > now, ct))
        {
            return;
        }
        throw new NotFoundException("No such care relationship.");
    }

    /// <summary>A colleague named in a transfer, cover, suggestion or rota must be a therapist of this clinic.</summary>
    private async Task EnsureClinicianAsync(Guid userId, CancellationToken ct)
    {
        if (!await people.InRole(Roles.Therapist).AnyAsync(p => p.Id == userId, ct))
        {
            throw new RuleViolationException(CareRelationshipRules.ColleagueMustBeAClinician, "Choose a therapist of this clinic.");
        }
    }

    /// <summary>A declined handover or a refused transfer leaves the former clinician responsible, free to try again.</summary>
    private async Task UnwindTransferAsync(CareRelationship relationship, CancellationToken ct)
    {
        if (relationship.TransferredFromId is { } fromId && await db.CareRelationships.SingleOrDefaultAsync(r => r.Id == fromId, ct) is { } former)
        {
            former.TransferFellThrough(relationship.Id);
        }
    }

    private async Task EndCoverAsync(Guid relationshipId, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var cover in await db.CoverPeriods.Where(c => c.RelationshipId == relationshipId && c.CancelledAt == null && c.EndsAt > now).ToListAsync(ct))
        {
            cover.Cancel(now);
        }
    }

    /// <summary>An e-mail that says only that there is something to see, and where to sign in (nothing clinical, no names).</summary>
    private async Task TellAsync(Guid userId, CareNews news, string path, string correlationKey, CancellationToken ct)
    {
        foreach (var person in await people.ReachableAsync([userId], ct))
        {
            outbox.Queue(person.Email, person.DisplayName, CareMail.PleaseSignIn(person.DisplayName, news, $"{BaseUrl}{path}"), correlationKey: correlationKey);
        }
    }

    /// <summary>
    /// Saves in one transaction with what ends alongside: for each relationship that ended here, the features that hang
    /// on it (the pair's future appointments) are told first, so the whole change commits or none of it.
    /// </summary>
    private async Task SaveAsync(CancellationToken ct, params CareRelationship[] endedHere)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var ended in endedHere)
            {
                var ending = new CareEnding(ended.PatientId, ended.ClinicianId, ended.Status, ended.EndReason ?? ended.Status.ToString(),
                    ended.TransferredToId is { } to ? db.CareRelationships.Local.FirstOrDefault(r => r.Id == to)?.ClinicianId : null);
                foreach (var handler in careEnded)
                {
                    await handler.CareEndedAsync(ending, ct);
                }
            }
            await LeaveAcceptedFirstAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new RuleViolationException(CareRelationshipRules.ChangedMeanwhile, "Someone changed this a moment ago. Reload and try again.");
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // The unique indexes: one responsible clinician per patient, one open relationship per pair.
            db.ChangeTracker.Clear();
            throw new RuleViolationException(CareRelationshipRules.OneResponsibleClinician,
                "This would give the patient two responsible clinicians, or two open relationships with one clinician.");
        }
        outbox.SendSoon();
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException switch
        {
            Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
            _ => false,
        };

    /// <summary>
    /// The unique index allows one accepted relationship per patient after every statement, and EF orders updates of one
    /// table by id (random for the relationships the migration made): so a relationship leaving "Accepted" (a completed
    /// transfer) is written out of it first, in the same transaction, before another is written into it. The save that
    /// follows writes the whole change, still guarded by each relationship's version.
    /// </summary>
    private async Task LeaveAcceptedFirstAsync(CancellationToken ct)
    {
        var leaving = db.ChangeTracker.Entries<CareRelationship>()
            .Where(e => e.State != EntityState.Added && e.Entity.Status != CareStatus.Accepted
                && e.OriginalValues.GetValue<CareStatus>(nameof(CareRelationship.Status)) == CareStatus.Accepted)
            .Select(e => (e.Entity.Id, e.Entity.Status)).ToList();
        foreach (var (id, status) in leaving)
        {
            await db.CareRelationships.Where(r => r.Id == id && r.Status == CareStatus.Accepted)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, status), ct);
        }
    }

    /// <summary>Stages the change's audit entry just before its save, so the change and its record commit together.</summary>
    private void Stage(string action, CareRelationship relationship, string? detail = null) =>
        audit.Stage(action, patientId: relationship.PatientId, subject: relationship.Id.ToString(),
            detail: detail ?? $"{relationship.Status.ToString().ToLowerInvariant()} with {relationship.ClinicianId}");
}
