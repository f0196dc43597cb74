using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The session note of one of the course's appointments (docs/clinical/ipt-course.md#middle-phase-session-flow; readme,
/// "Session notes"): the course's own therapist drafts it, signs it (which locks it, and needs the Risk section when risk
/// was raised by the session's end), amends a signed note, and opens a decision analysis from it. Each is one save with
/// its audit entry; anyone but the course's therapist, or an appointment not between them, meets "not found".
/// </summary>
public sealed class SessionNoteWriting(AppDbContext db, TreatmentCourseService courses, SessionHistory appointments, PatientRisk risk, Auditor audit,
    TimeProvider clock)
{
    /// <summary>The note as stored, and whether the draft had been saved elsewhere since the form was opened (then nothing was saved).</summary>
    public sealed record Written(SessionNote Note, bool ChangedMeanwhile);

    /// <summary>
    /// Saves the draft (or signs it). A draft saved by someone else, or in another tab, since the form was opened on
    /// <paramref name="version"/> is not overwritten: the caller shows both and the therapist saves again.
    /// </summary>
    public async Task<Written> WriteAsync(Guid therapistId, Guid patientId, Guid appointmentId, int version, SessionNote.Content content, bool sign,
        CancellationToken ct)
    {
        var (course, appointment) = await LoadAsync(therapistId, patientId, appointmentId, ct);
        var now = clock.GetUtcNow();
        var note = await NoteOrNewAsync(course, appointmentId, therapistId, now, ct);
        if (db.Entry(note).State != EntityState.Added && !note.IsSigned && note.Version != version)
        {
            return new Written(note, ChangedMeanwhile: true);
        }
        note.Edit(content, therapistId, now, await db.Formulations.SingleOrDefaultAsync(f => f.CourseId == course.Id, ct));
        if (sign)
        {
            // What was known by the session's end (or by now, for a note signed during it) decides whether the Risk section is needed.
            var riskAtSession = await risk.AtAsync(patientId, appointment.EndUtc < now ? appointment.EndUtc : now, ct);
            note.Sign(therapistId, appointment.StartUtc, now, riskAtSession.IsRaised);
        }
        audit.Stage(sign ? AuditAction.SessionNoteSigned : AuditAction.SessionNoteSaved, subject: note.Id.ToString(), patientId: patientId,
            detail: note.SessionNumber is { } k ? $"session {k}" : note.Phase.ToString());
        await db.SaveChangesAsync(ct);
        return new Written(note, ChangedMeanwhile: false);
    }

    /// <summary>Adds an amendment to a signed note; the note itself stays as signed.</summary>
    public async Task<SessionNote> AmendAsync(Guid therapistId, Guid patientId, Guid appointmentId, string? text, CancellationToken ct)
    {
        var (course, _) = await LoadAsync(therapistId, patientId, appointmentId, ct);
        var note = await db.SessionNotes.SingleOrDefaultAsync(n => n.CourseId == course.Id && n.AppointmentId == appointmentId, ct)
            ?? throw new RuleViolationException(TreatmentCourseRules.AmendOnlySignedNotes, "There is no signed note to amend yet.");
        note.Amend(text ?? "", therapistId, clock.GetUtcNow());
        audit.Stage(AuditAction.SessionNoteAmended, subject: note.Id.ToString(), patientId: patientId);
        await db.SaveChangesAsync(ct);
        return note;
    }

    /// <summary>Opens a decision analysis brainstormed in this session, starting the session's note if there is none yet.</summary>
    public async Task<DecisionAnalysis> OpenDecisionAsync(Guid therapistId, Guid patientId, Guid appointmentId, string? problem, CancellationToken ct)
    {
        var (course, _) = await LoadAsync(therapistId, patientId, appointmentId, ct);
        var now = clock.GetUtcNow();
        var note = await NoteOrNewAsync(course, appointmentId, therapistId, now, ct);
        var decision = DecisionAnalysis.Open(course, problem ?? "", note.Id, now);
        db.DecisionAnalyses.Add(decision);
        audit.Stage(AuditAction.DecisionAnalysisSaved, subject: decision.Id.ToString(), patientId: patientId, detail: "opened");
        await db.SaveChangesAsync(ct);
        return decision;
    }

    /// <summary>The session's note, or a new one started (and tracked) when there is none yet.</summary>
    private async Task<SessionNote> NoteOrNewAsync(TreatmentCourse course, Guid appointmentId, Guid therapistId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.SessionNotes.SingleOrDefaultAsync(n => n.CourseId == course.Id && n.AppointmentId == appointmentId, ct) is { } note)
        {
            return note;
        }
        var started = SessionNote.Start(course, appointmentId, therapistId, now);
        db.SessionNotes.Add(started);
        return started;
    }

    private async Task<(TreatmentCourse Course, Appointment Appointment)> LoadAsync(Guid therapistId, Guid patientId, Guid appointmentId, CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var appointment = await appointments.OwnAsync(appointmentId, therapistId, ct) is { } own && own.TherapistId == therapistId && own.PatientId == patientId
            ? own : throw new NotFoundException("No such session.");
        return (course, appointment);
    }
}
