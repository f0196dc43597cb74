using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>Everything recorded in one course, loaded once for a page, the summary or the API.</summary>
public sealed record CourseFile(
    TreatmentCourse Course,
    PeopleNames.Person Patient,
    PeopleNames.Person Therapist,
    InterpersonalInventory? Inventory,
    Formulation? Formulation,
    IReadOnlyList<TreatmentContract> Contracts,
    IReadOnlyList<SessionNote> Notes,
    IReadOnlyList<DecisionAnalysis> Decisions,
    TerminationReview? Review,
    MaintenancePlan? Maintenance,
    IReadOnlyList<RelapseAlert> RelapseAlerts)
{
    /// <summary>The version both signed most recently: the terms that apply.</summary>
    public TreatmentContract? ContractInForce => TreatmentContract.InForce(Contracts);

    /// <summary>The newest version when it is not yet signed by both (a first draft or an open amendment).</summary>
    public TreatmentContract? OpenContract => Contracts.MaxBy(c => c.Version) is { IsSignedByBoth: false } open ? open : null;

    /// <summary>Decision analyses with a plan out: the next session's agenda.</summary>
    public IEnumerable<DecisionAnalysis> OnNextAgenda => Decisions.Where(d => d.IsOnNextAgenda);

    /// <summary>The between-session task agreed at the latest signed note, if any.</summary>
    public string? CurrentTask => Notes.Where(n => n.IsSigned).MaxBy(n => n.CreatedAt)?.BetweenSessionTask;
}

/// <summary>What a clinician may do with a patient's course: read it (responsible, covering, supervising) and, for the
/// responsible clinician, change their own course or open a new one.</summary>
public sealed record CourseAccess(CareStanding Standing, TreatmentCourse? Course)
{
    public bool MayChange(Guid clinicianId) =>
        Standing.Role == CareRole.Responsible && (Course is null || Course.TherapistId == clinicianId || Course.IsEnded);
}

/// <summary>
/// Finds courses for the person asking and nobody else (the care relationship decides: the responsible or covering
/// clinician and the supervisor read, the patient reads their own), and carries the
/// steps that reach outside the course: signing the contract books the series.
/// Someone else's course is "not found", exactly like one that does not exist.
/// </summary>
public sealed class TreatmentCourseService(AppDbContext db, CareAccess care, BookingService booking, CourseAttendance attendance, Auditor audit,
    TimeProvider clock, PeopleNames names, SessionHistory appointments)
{
    /// <summary>
    /// The patient's latest course (open or ended, whoever ran it: after a transfer the receiving clinician reads the
    /// earlier course too), or null when none was opened. An audited 404 for a clinician who does not read the record.
    /// </summary>
    public async Task<TreatmentCourse?> LatestForTherapistAsync(Guid therapistId, Guid patientId, CancellationToken ct) =>
        (await ForClinicianAsync(therapistId, patientId, ct)).Course;

    /// <summary>The latest course and what the clinician may do with it; an audited 404 when they do not read the record.</summary>
    public async Task<CourseAccess> ForClinicianAsync(Guid clinicianId, Guid patientId, CancellationToken ct)
    {
        var standing = await care.EnsureReadsRecordAsync(clinicianId, patientId, ct);
        var course = await db.TreatmentCourses.Where(c => c.PatientId == patientId).OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);
        return new CourseAccess(standing, course);
    }

    /// <summary>
    /// The course a use case changes: the clinician's own, still open. Anyone who may not change it (a covering
    /// clinician, a supervisor, someone outside the patient's care) meets "not found"; an ended course refuses by rule.
    /// </summary>
    public async Task<TreatmentCourse> OwnOpenCourseAsync(Guid therapistId, Guid patientId, CancellationToken ct)
    {
        var access = await ForClinicianAsync(therapistId, patientId, ct);
        if (access.Course is not { } course || !access.MayChange(therapistId))
        {
            throw new NotFoundException("No such course.");
        }
        course.EnsureOpen();
        return course;
    }

    /// <summary>The patient's own latest course, or null.</summary>
    public Task<TreatmentCourse?> LatestForPatientAsync(Guid patientId, CancellationToken ct) =>
        db.TreatmentCourses.Where(c => c.PatientId == patientId).OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);

    /// <summary>
    /// A course by id for its patient, a clinician who reads the patient's record, or the supervisor of the course's
    /// therapist; anyone else (an admin, a former clinician) gets an audited 404.
    /// </summary>
    public async Task<TreatmentCourse> ForReaderAsync(Guid courseId, Guid callerId, CancellationToken ct)
    {
        var course = await db.TreatmentCourses.SingleOrDefaultAsync(c => c.Id == courseId, ct) ?? throw new NotFoundException("No such course.");
        if (course.PatientId == callerId)
        {
            return course;
        }
        await care.EnsureReadsRecordAsync(callerId, course.PatientId, ct);
        return course;
    }

    /// <summary>
    /// A course by id for the supervisor of its therapist, while the patient is in a supervisee's care (supervision reads
    /// the record through care like everyone else: after a discharge or a transfer it is closed to them); anyone else
    /// gets 404.
    /// </summary>
    public async Task<TreatmentCourse> ForSupervisorAsync(Guid courseId, Guid supervisorId, CancellationToken ct)
    {
        var supervisees = care.SuperviseesOf(supervisorId);
        var readable = care.PatientsWhoseRecordIsReadBy(supervisorId);
        return await db.TreatmentCourses.SingleOrDefaultAsync(c => c.Id == courseId && supervisees.Contains(c.TherapistId) && readable.Contains(c.PatientId), ct)
            ?? throw new NotFoundException("No such course.");
    }

    /// <summary>
    /// Opens a course for a patient the therapist is responsible for. A patient has one open course at a time; a
    /// course still open with a clinician who handed the patient over ends here as transferred, and the new course
    /// names it as the previous one.
    /// </summary>
    public async Task<TreatmentCourse> OpenAsync(Guid therapistId, Guid patientId, CancellationToken ct)
    {
        if ((await care.EnsureActsInCareAsync(therapistId, patientId, ct)).Role != CareRole.Responsible)
        {
            throw new RuleViolationException(TreatmentCourseRules.OneOpenCourse, "Only the clinician responsible for this patient opens a course.");
        }
        var now = clock.GetUtcNow();
        var open = await db.TreatmentCourses.Where(c => c.PatientId == patientId && c.EndedAt == null).ToListAsync(ct);
        Guid? previous = null;
        foreach (var handedOver in open.Where(c => !c.IsEnded && c.TherapistId != therapistId))
        {
            handedOver.Transfer(therapistId, "Care was transferred to a colleague.", now);
            previous = handedOver.Id;
        }
        if (open.Any(c => !c.IsEnded))
        {
            throw new RuleViolationException(TreatmentCourseRules.OneOpenCourse, "This patient already has a course in progress.");
        }
        var course = TreatmentCourse.Open(patientId, therapistId, now, previous);
        db.TreatmentCourses.Add(course);
        audit.Stage(AuditAction.CourseOpened, subject: course.Id.ToString(), patientId: patientId);
        await db.SaveChangesAsync(ct);
        return course;
    }

    /// <summary>
    /// The whole file of a course. <paramref name="tracked"/> only for a change that saves; a page that only reads loads
    /// it untracked (nothing to snapshot, nothing that a stray save could write).
    /// </summary>
    public async Task<CourseFile> FileAsync(TreatmentCourse course, CancellationToken ct, bool tracked = true)
    {
        ArgumentNullException.ThrowIfNull(course);
        var id = course.Id;
        IQueryable<T> Read<T>(DbSet<T> set) where T : class => tracked ? set : set.AsNoTracking();
        var people = await names.People.Where(u => u.Id == course.PatientId || u.Id == course.TherapistId).ToListAsync(ct);
        return new CourseFile(course,
            people.Single(u => u.Id == course.PatientId),
            people.Single(u => u.Id == course.TherapistId),
            await Read(db.InterpersonalInventories).SingleOrDefaultAsync(i => i.CourseId == id, ct),
            await Read(db.Formulations).SingleOrDefaultAsync(f => f.CourseId == id, ct),
            await Read(db.TreatmentContracts).Where(c => c.CourseId == id).OrderBy(c => c.Version).ToListAsync(ct),
            await Read(db.SessionNotes).Where(n => n.CourseId == id).OrderBy(n => n.CreatedAt).ToListAsync(ct),
            await Read(db.DecisionAnalyses).Where(d => d.CourseId == id).OrderBy(d => d.OpenedAt).ToListAsync(ct),
            await Read(db.TerminationReviews).SingleOrDefaultAsync(r => r.CourseId == id, ct),
            await Read(db.MaintenancePlans).SingleOrDefaultAsync(m => m.CourseId == id, ct),
            await Read(db.RelapseAlerts).Where(a => a.CourseId == id).OrderByDescending(a => a.RaisedAt).ToListAsync(ct));
    }

    /// <summary>The outcome of a signature: the contract, and when it put the first contract in force, the series booking.</summary>
    public sealed record Signed(TreatmentContract Contract, bool NowInForce, SeriesOutcome? Series);

    /// <summary>
    /// Signs a contract version for the caller (patient or therapist of its course). When both have signed, the course
    /// adopts it; the first contract then books the series of remaining sessions from the agreed first session, all or
    /// nothing. A series that does not fit leaves the contract signed and in force and answers with each clash and
    /// nearby times, so the therapist chooses another start (<see cref="BookSeriesAsync"/>).
    /// </summary>
    public async Task<Signed> SignContractAsync(Guid contractId, Guid callerId, string typedName, bool confirmed, CancellationToken ct)
    {
        var contract = await db.TreatmentContracts.SingleOrDefaultAsync(c => c.Id == contractId && (c.PatientId == callerId || c.TherapistId == callerId), ct)
            ?? throw new NotFoundException("No such contract.");
        var course = await db.TreatmentCourses.SingleAsync(c => c.Id == contract.CourseId, ct);
        course.EnsureOpen();
        var callerName = await names.OfAsync(callerId, ct) ?? throw new NotFoundException("No such account.");
        var party = contract.PatientId == callerId ? ContractParty.Patient : ContractParty.Therapist;
        var now = clock.GetUtcNow();
        contract.Sign(party, callerId, typedName, callerName, confirmed, now);
        var nowInForce = false;
        if (contract.IsSignedByBoth)
        {
            course.AdoptContract(contract, now);
            nowInForce = true;
            // An amendment may allow sessions the old contract refused: they are counted now, with the signature.
            await attendance.RecordDueAsync(course, null, ct);
        }
        audit.Stage(AuditAction.ContractSigned, subject: contract.Id.ToString(), patientId: contract.PatientId,
            detail: $"version {contract.Version} by {party.ToString().ToLowerInvariant()}{(nowInForce ? "; in force" : "")}");
        await db.SaveChangesAsync(ct);
        SeriesOutcome? series = null;
        if (nowInForce && contract.Version == 1 && course.BookedSeriesId is null && contract.FirstSessionAt is { } first)
        {
            series = await BookSeriesAsync(course, first, ct);
        }
        return new Signed(contract, nowInForce, series);
    }

    /// <summary>
    /// How many sessions the series must book: the contracted sessions not yet used, less the pair's appointments
    /// already booked ahead (those stay as they are).
    /// </summary>
    public async Task<int> SessionsToBookAsync(TreatmentCourse course, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ahead = await appointments.BookedWithPair(course.PatientId, course.TherapistId).CountAsync(a => a.EndUtc >= now, ct);
        return Math.Max(0, (course.RemainingSessions ?? 0) - ahead);
    }

    /// <summary>
    /// The sessions a contract's last session is reckoned from (<see cref="TreatmentContract.LastSessionDate"/>): the
    /// contracted sessions used, and the pair's appointments booked ahead, as <see cref="SessionsToBookAsync"/> counts them.
    /// </summary>
    public async Task<CourseSessionDates> SessionDatesAsync(TreatmentCourse course, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(course);
        var now = clock.GetUtcNow();
        var ahead = await appointments.BookedWithPair(course.PatientId, course.TherapistId).Where(a => a.EndUtc >= now).Select(a => a.StartUtc)
            .ToListAsync(ct);
        var used = course.Sessions.Where(s => s.CountsTowardContract).ToList();
        return new CourseSessionDates(used.Count, used.Count > 0 ? used.Max(s => s.At) : null, ahead);
    }

    /// <summary>Books the contract's remaining sessions as one series from <paramref name="firstStartUtc"/>, all or nothing.</summary>
    public async Task<SeriesOutcome> BookSeriesAsync(TreatmentCourse course, DateTimeOffset firstStartUtc, CancellationToken ct)
    {
        course.EnsureOpen();
        if (course.ContractInForceId is null)
        {
            throw new RuleViolationException(TreatmentCourseRules.MiddleNeedsSignedContract, "The series is booked once both of you have signed the contract.");
        }
        if (course.BookedSeriesId is not null)
        {
            throw new RuleViolationException(TreatmentCourseRules.SeriesAlreadyBooked, "The course's sessions are already booked.");
        }
        var count = await SessionsToBookAsync(course, ct);
        if (count == 0)
        {
            throw new RuleViolationException(TreatmentCourseRules.SeriesAlreadyBooked, "Every contracted session is already booked or used.");
        }
        var outcome = await booking.BookSeriesAsync(course.PatientId, course.TherapistId, firstStartUtc, count, AppointmentKind.Session, ct,
            everyWeeks: (course.SessionIntervalDays ?? 7) / 7);
        if (outcome is { Succeeded: true, SeriesId: { } seriesId })
        {
            course.RecordSeriesBooked(seriesId);
            audit.Stage(AuditAction.CourseSeriesBooked, subject: course.Id.ToString(), patientId: course.PatientId,
                detail: $"{outcome.Booked.Count} sessions");
            await db.SaveChangesAsync(ct);
        }
        return outcome;
    }

    /// <summary>
    /// Keeps a line (from the call's chat) in the draft note of this appointment, starting the note if there is none.
    /// Only the appointment's therapist, in their open course with this patient; anyone else gets 404.
    /// </summary>
    public async Task<SessionNote> AddLineToNoteAsync(Guid appointmentId, Guid therapistId, string line, CancellationToken ct)
    {
        var appointment = await appointments.OwnAsync(appointmentId, therapistId, ct) is { } own && own.TherapistId == therapistId ? own
            : throw new NotFoundException("No such appointment.");
        var course = await db.TreatmentCourses.Where(c => c.TherapistId == therapistId && c.PatientId == appointment.PatientId)
            .OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolationException(TreatmentCourseRules.NotesOnlyForTreatmentSessions, "Open a course with this patient to keep notes.");
        course.EnsureOpen();
        var now = clock.GetUtcNow();
        var note = await db.SessionNotes.SingleOrDefaultAsync(n => n.AppointmentId == appointmentId, ct);
        if (note is null)
        {
            note = SessionNote.Start(course, appointmentId, therapistId, now);
            db.SessionNotes.Add(note);
        }
        note.AddLine(line, therapistId, now);
        audit.Stage(AuditAction.SessionNoteSaved, subject: note.Id.ToString(), patientId: note.PatientId, detail: "line from the call");
        await db.SaveChangesAsync(ct);
        return note;
    }
}
