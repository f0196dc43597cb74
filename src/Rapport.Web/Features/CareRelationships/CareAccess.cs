using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>What a clinician is to one patient, strongest first when several apply.</summary>
public enum CareRole
{
    None,
    /// <summary>Their relationship ended (declined, withdrawn, discharged, transferred): only the notes they signed.</summary>
    Former,
    /// <summary>A first conversation, a handover or an offer not yet confirmed: only what the patient shared for it.</summary>
    Enquiry,
    /// <summary>Took on an open safety alert without being in the patient's care (break-glass): reads the record while it is open.</summary>
    Emergency,
    /// <summary>Supervises the responsible clinician: reads the record, changes nothing.</summary>
    Supervisor,
    /// <summary>Covers for the responsible clinician in a dated period: as the responsible clinician.</summary>
    Covering,
    Responsible,
}

public sealed record CareStanding(CareRole Role)
{
    /// <summary>The clinical record: measures, intake, safety plan, ratings, course.</summary>
    public bool ReadsRecord => Role is CareRole.Responsible or CareRole.Covering or CareRole.Supervisor or CareRole.Emergency;

    /// <summary>Acts for the patient: rates, edits the safety plan, books, answers alerts.</summary>
    public bool ActsInCare => Role is CareRole.Responsible or CareRole.Covering;
}

/// <summary>Who must hear about this patient now, and why (for the audit row and the e-mail).</summary>
public sealed record ClinicianOnCall(Guid ClinicianId, CareRole Because)
{
    public bool IsClinicalLead => Because == CareRole.None;
}

/// <summary>A cover running now on a care relationship: who covers, and when the cover ends.</summary>
public sealed record CoverNow(Guid CoveringClinicianId, DateTimeOffset EndsAt);

/// <summary>
/// The single source of clinical access and routing: every page, API endpoint, hub method and background job asks
/// here, and the answer comes from care relationships, cover periods, supervision and the clinical-lead rota only,
/// never from appointments. A refusal is a 404, audited (someone else's record answers 404, so a refusal does not even confirm that it exists).
/// </summary>
public sealed class CareAccess(AppDbContext db, PeopleNames people, TimeProvider clock, Auditor audit)
{
    /// <summary>One round trip: every way this clinician may stand with this patient, as flags.</summary>
    public async Task<CareStanding> StandingAsync(Guid clinicianId, Guid patientId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var flags = await people.People.Where(p => p.Id == patientId).Select(p => new
        {
            Responsible = db.CareRelationships.Any(r => r.PatientId == patientId && r.ClinicianId == clinicianId && r.Status == CareStatus.Accepted),
            Covering = db.CoverPeriods.Any(c => c.PatientId == patientId && c.CoveringClinicianId == clinicianId && c.CancelledAt == null
                && c.StartsAt <= now && c.EndsAt > now
                && db.CareRelationships.Any(r => r.Id == c.RelationshipId && r.Status == CareStatus.Accepted)),
            Supervising = db.SupervisionAssignments.Any(s => s.SupervisorId == clinicianId && s.EndedAt == null
                && db.CareRelationships.Any(r => r.PatientId == patientId && r.ClinicianId == s.TherapistId && r.Status == CareStatus.Accepted)),
            Enquiry = db.CareRelationships.Any(r => r.PatientId == patientId && r.ClinicianId == clinicianId
                && (r.Status == CareStatus.Enquiry || r.Status == CareStatus.Offered || r.Status == CareStatus.Handover)),
            Emergency = db.EmergencyAccesses.Any(e => e.PatientId == patientId && e.ClinicianId == clinicianId && e.EndedAt == null),
            Former = db.CareRelationships.Any(r => r.PatientId == patientId && r.ClinicianId == clinicianId
                && (r.Status == CareStatus.Declined || r.Status == CareStatus.Withdrawn || r.Status == CareStatus.Discharged || r.Status == CareStatus.Transferred)),
        }).SingleOrDefaultAsync(ct);
        return new CareStanding(flags switch
        {
            null => CareRole.None,
            { Responsible: true } => CareRole.Responsible,
            { Covering: true } => CareRole.Covering,
            { Supervising: true } => CareRole.Supervisor,
            { Emergency: true } => CareRole.Emergency,
            { Enquiry: true } => CareRole.Enquiry,
            { Former: true } => CareRole.Former,
            _ => CareRole.None,
        });
    }

    /// <summary>The clinician may read this patient's clinical record; otherwise an audited 404.</summary>
    public async Task<CareStanding> EnsureReadsRecordAsync(Guid clinicianId, Guid patientId, CancellationToken ct)
    {
        var standing = await StandingAsync(clinicianId, patientId, ct);
        if (!standing.ReadsRecord)
        {
            await DenyAsync(clinicianId, patientId, "record", standing, ct);
        }
        return standing;
    }

    /// <summary>The clinician may act for this patient (responsible or covering); otherwise an audited 404.</summary>
    public async Task<CareStanding> EnsureActsInCareAsync(Guid clinicianId, Guid patientId, CancellationToken ct)
    {
        var standing = await StandingAsync(clinicianId, patientId, ct);
        if (!standing.ActsInCare)
        {
            await DenyAsync(clinicianId, patientId, "act", standing, ct);
        }
        return standing;
    }

    /// <summary>
    /// For a page or endpoint that shows the record on a read and changes it on a write: reading needs
    /// <see cref="CareStanding.ReadsRecord"/>, changing <see cref="CareStanding.ActsInCare"/>. False (after an audit
    /// row) means answer 404.
    /// </summary>
    public async Task<bool> AllowsAsync(Guid clinicianId, Guid patientId, bool change, CancellationToken ct)
    {
        var standing = await StandingAsync(clinicianId, patientId, ct);
        if (change ? standing.ActsInCare : standing.ReadsRecord)
        {
            return true;
        }
        try
        {
            await DenyAsync(clinicianId, patientId, change ? "act" : "record", standing, ct);
        }
        catch (NotFoundException)
        {
            // The caller answers 404 itself.
        }
        return false;
    }

    private async Task DenyAsync(Guid clinicianId, Guid patientId, string what, CareStanding standing, CancellationToken ct)
    {
        await audit.RecordAsync(AuditAction.CareAccessDenied, AuditOutcome.Denied, userId: clinicianId, patientId: patientId,
            detail: $"{what}; standing {standing.Role.ToString().ToLowerInvariant()}", ct: ct);
        throw new NotFoundException("No such patient.");
    }

    /// <summary>
    /// The patients whose record this clinician reads now (responsible, covering, supervising), as a query to compose
    /// into a list's own query: one round trip for the whole list, never one per row.
    /// </summary>
    public IQueryable<Guid> PatientsWhoseRecordIsReadBy(Guid clinicianId)
    {
        var now = clock.GetUtcNow();
        var responsible = db.CareRelationships.Where(r => r.ClinicianId == clinicianId && r.Status == CareStatus.Accepted).Select(r => r.PatientId);
        var covering = db.CoverPeriods.Where(c => c.CoveringClinicianId == clinicianId && c.CancelledAt == null && c.StartsAt <= now && c.EndsAt > now
            && db.CareRelationships.Any(r => r.Id == c.RelationshipId && r.Status == CareStatus.Accepted)).Select(c => c.PatientId);
        // From the supervisor's few assignments to their supervisees' patients (indexed on clinician and status); the
        // other way round makes the database visit every accepted relationship of the clinic (docs/performance.md).
        var supervised = from s in db.SupervisionAssignments
                         where s.SupervisorId == clinicianId && s.EndedAt == null
                         join r in db.CareRelationships on s.TherapistId equals r.ClinicianId
                         where r.Status == CareStatus.Accepted
                         select r.PatientId;
        var emergency = db.EmergencyAccesses.Where(e => e.ClinicianId == clinicianId && e.EndedAt == null).Select(e => e.PatientId);
        return responsible.Union(covering).Union(supervised).Union(emergency);
    }

    /// <summary>
    /// The patients with an open enquiry, handover or offer with this clinician: who they are, not their record (an
    /// enquiry clinician sees the person who asked, and their appointments together, never the course or the measures).
    /// </summary>
    public IQueryable<Guid> PatientsInEnquiryWith(Guid clinicianId) =>
        db.CareRelationships.Where(r => r.ClinicianId == clinicianId
            && (r.Status == CareStatus.Enquiry || r.Status == CareStatus.Offered || r.Status == CareStatus.Handover)).Select(r => r.PatientId);

    /// <summary>The patients this clinician acts for now (responsible or covering): whose alerts they see and answer.</summary>
    public IQueryable<Guid> PatientsActedForBy(Guid clinicianId)
    {
        var now = clock.GetUtcNow();
        var responsible = db.CareRelationships.Where(r => r.ClinicianId == clinicianId && r.Status == CareStatus.Accepted).Select(r => r.PatientId);
        var covering = db.CoverPeriods.Where(c => c.CoveringClinicianId == clinicianId && c.CancelledAt == null && c.StartsAt <= now && c.EndsAt > now
            && db.CareRelationships.Any(r => r.Id == c.RelationshipId && r.Status == CareStatus.Accepted)).Select(c => c.PatientId);
        return responsible.Union(covering);
    }

    /// <summary>Patients someone is responsible for now.</summary>
    public IQueryable<Guid> PatientsInCare() =>
        db.CareRelationships.Where(r => r.Status == CareStatus.Accepted).Select(r => r.PatientId);

    /// <summary>Who is responsible for the patient now, or null, as a part of another feature's query (Data/QueryPart.cs).</summary>
    public static readonly Expression<Func<AppDbContext, Guid, Guid?>> ResponsibleClinicianOf =
        (db, patientId) => db.CareRelationships.Where(r => r.PatientId == patientId && r.Status == CareStatus.Accepted)
            .OrderByDescending(r => r.OpenedAt).Select(r => (Guid?)r.ClinicianId).FirstOrDefault();

    /// <summary>Whether the patient ever had a relationship of care, in any state (Data/QueryPart.cs).</summary>
    public static readonly Expression<Func<AppDbContext, Guid, bool>> HasAnyRelationship =
        (db, patientId) => db.CareRelationships.Any(r => r.PatientId == patientId);

    /// <summary>Whether an offer of care waits for the patient's answer (Data/QueryPart.cs).</summary>
    public static readonly Expression<Func<AppDbContext, Guid, bool>> HasOffer =
        (db, patientId) => db.CareRelationships.Any(r => r.PatientId == patientId && r.Status == CareStatus.Offered);

    /// <summary>The patient's responsible clinician's relationship, or null when nobody is responsible.</summary>
    public Task<CareRelationship?> ResponsibleAsync(Guid patientId, CancellationToken ct) =>
        db.CareRelationships.AsNoTracking().SingleOrDefaultAsync(r => r.PatientId == patientId && r.Status == CareStatus.Accepted, ct);

    /// <summary>The relationship with this id while it is <c>Accepted</c> (someone is responsible under it), else null.</summary>
    public Task<CareRelationship?> InCareAsync(Guid relationshipId, CancellationToken ct) =>
        db.CareRelationships.AsNoTracking().SingleOrDefaultAsync(r => r.Id == relationshipId && r.Status == CareStatus.Accepted, ct);

    /// <summary>The ids of the relationships under which someone is responsible now, to compose into a list's query.</summary>
    public IQueryable<Guid> RelationshipsInCare() =>
        db.CareRelationships.Where(r => r.Status == CareStatus.Accepted).Select(r => r.Id);

    /// <summary>
    /// Who must hear about this patient now: the covering clinician during cover, else the responsible clinician,
    /// else the clinical lead on duty; null only when the rota has a gap (then the admins are told to fill it).
    /// </summary>
    public async Task<ClinicianOnCall?> ClinicianToNotifyAsync(Guid patientId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var responsible = await ResponsibleAsync(patientId, ct);
        if (responsible is not null)
        {
            return await CoverNowAsync(responsible.Id, ct) is { } cover
                ? new ClinicianOnCall(cover.CoveringClinicianId, CareRole.Covering)
                : new ClinicianOnCall(responsible.ClinicianId, CareRole.Responsible);
        }
        return await LeadOnDutyAsync(ct) is { } lead ? new ClinicianOnCall(lead, CareRole.None) : null;
    }

    /// <summary>
    /// The cover running now on this relationship, or null: the most recently arranged when several overlap, the same
    /// one <see cref="ClinicianToNotifyAsync"/> routes to, so what a patient is told and who is told agree.
    /// </summary>
    public Task<CoverNow?> CoverNowAsync(Guid relationshipId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.CoverPeriods.AsNoTracking()
            .Where(c => c.RelationshipId == relationshipId && c.CancelledAt == null && c.StartsAt <= now && c.EndsAt > now)
            .OrderByDescending(c => c.SetAt).Select(c => new CoverNow(c.CoveringClinicianId, c.EndsAt)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The clinical lead on duty now (the most recently planned period covering this instant).</summary>
    public Task<Guid?> LeadOnDutyAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.ClinicalLeadShifts.AsNoTracking().Where(s => s.CancelledAt == null && s.StartsAt <= now && s.EndsAt > now)
            .OrderByDescending(s => s.StartsAt).Select(s => (Guid?)s.ClinicianId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The clinicians who supervise this patient's responsible clinician now (told when a safety alert escalates).</summary>
    public IQueryable<Guid> SupervisorsOfPatient(Guid patientId) =>
        from s in db.SupervisionAssignments
        where s.EndedAt == null
        join r in db.CareRelationships on s.TherapistId equals r.ClinicianId
        where r.PatientId == patientId && r.Status == CareStatus.Accepted
        select s.SupervisorId;

    /// <summary>Therapists whose patients' courses this clinician supervises now.</summary>
    public IQueryable<Guid> SuperviseesOf(Guid supervisorId) =>
        db.SupervisionAssignments.Where(s => s.SupervisorId == supervisorId && s.EndedAt == null).Select(s => s.TherapistId);
}
