using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Decision analysis between sessions (docs/clinical/ipt-course.md#middle-phase-session-flow, step 6): the therapist
/// opens one, adds options, helps choose a plan, records how it went and adjusts; the patient reports back on their
/// plan. Each step is one unit of work with its audit entry. Only the course's own therapist changes an analysis and
/// only its patient reports back; anyone else meets "not found". A form opened on an older version of the analysis is
/// refused like a lost race, so nobody acts on a plan they have not seen.
/// </summary>
public sealed class DecisionAnalyses(AppDbContext db, TreatmentCourseService courses, Auditor audit, TimeProvider clock)
{
    public async Task<DecisionAnalysis> OpenAsync(Guid therapistId, Guid patientId, string? problem, Guid? sessionNoteId, CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        if (sessionNoteId is { } noteId && !await db.SessionNotes.AnyAsync(n => n.Id == noteId && n.CourseId == course.Id, ct))
        {
            throw new NotFoundException("No such session note.");
        }
        var decision = DecisionAnalysis.Open(course, problem ?? "", sessionNoteId, clock.GetUtcNow());
        db.DecisionAnalyses.Add(decision);
        audit.Stage(AuditAction.DecisionAnalysisSaved, subject: decision.Id.ToString(), patientId: patientId, detail: "opened");
        await db.SaveChangesAsync(ct);
        return decision;
    }

    public Task<DecisionAnalysis> AddOptionAsync(Guid therapistId, Guid patientId, Guid decisionId, int openedOn, string? text, string? pros,
        string? cons, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, decisionId, openedOn, "option added", (d, now) => d.AddOption(text ?? "", pros, cons, now), ct);

    public Task<DecisionAnalysis> ChooseAsync(Guid therapistId, Guid patientId, Guid decisionId, int openedOn, Guid optionId, string? plan,
        CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, decisionId, openedOn, "option chosen", (d, now) => d.Choose(optionId, plan ?? "", now), ct);

    /// <summary>How the plan went, as the patient told it in the session.</summary>
    public Task<DecisionAnalysis> RecordFeedbackAsync(Guid therapistId, Guid patientId, Guid decisionId, int openedOn, bool? tried,
        string? whatHappened, string? howItFelt, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, decisionId, openedOn, "feedback as told in session",
            (d, now) => d.ReportBack(Tried(tried, "Say whether the patient tried the plan."), whatHappened, howItFelt, FeedbackSource.Therapist, now),
            ct, AuditAction.DecisionFeedbackGiven);

    public Task<DecisionAnalysis> AdjustAsync(Guid therapistId, Guid patientId, Guid decisionId, int openedOn, string? adjustment,
        CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, decisionId, openedOn, "adjustment", (d, now) => d.RecordAdjustment(adjustment ?? "", now), ct);

    public Task<DecisionAnalysis> CloseAsync(Guid therapistId, Guid patientId, Guid decisionId, int openedOn, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, decisionId, openedOn, "closed", (d, now) => d.Close(now), ct);

    /// <summary>The patient's own report on their plan, from "My plan" between sessions.</summary>
    public async Task<DecisionAnalysis> ReportByPatientAsync(Guid patientId, Guid decisionId, bool? tried, string? whatHappened, string? howItFelt,
        CancellationToken ct)
    {
        var decision = await db.DecisionAnalyses.SingleOrDefaultAsync(d => d.Id == decisionId && d.PatientId == patientId, ct)
            ?? throw new NotFoundException("No such plan.");
        var course = await db.TreatmentCourses.SingleAsync(c => c.Id == decision.CourseId && c.PatientId == patientId, ct);
        course.EnsureOpen();
        decision.ReportBack(Tried(tried, "Choose yes or no: did you try it?"), whatHappened, howItFelt, FeedbackSource.Patient, clock.GetUtcNow());
        audit.Stage(AuditAction.DecisionFeedbackGiven, subject: decision.Id.ToString(), patientId: patientId, detail: "by the patient");
        await db.SaveChangesAsync(ct);
        return decision;
    }

    private async Task<DecisionAnalysis> ChangeAsync(Guid therapistId, Guid patientId, Guid decisionId, int openedOn, string detail,
        Action<DecisionAnalysis, DateTimeOffset> change, CancellationToken ct, string action = AuditAction.DecisionAnalysisSaved)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var decision = await db.DecisionAnalyses.SingleOrDefaultAsync(d => d.Id == decisionId && d.CourseId == course.Id, ct)
            ?? throw new NotFoundException("No such decision analysis.");
        if (decision.Version != openedOn)
        {
            throw new DbUpdateConcurrencyException("The decision analysis changed since the form was opened.");
        }
        change(decision, clock.GetUtcNow());
        audit.Stage(action, subject: decision.Id.ToString(), patientId: patientId, detail: detail);
        await db.SaveChangesAsync(ct);
        return decision;
    }

    private static bool Tried(bool? tried, string ask) =>
        tried ?? throw new RuleViolationException(TreatmentCourseRules.FeedbackSaysWhetherTried, ask);
}
