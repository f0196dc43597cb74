using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Looks at every complete PHQ-9 a patient in a course submits: in maintenance for a relapse (readme, rule
/// 28), in the acute phases for a deterioration (rule 29). A rule met adds an alert and an e-mail to the clinician on
/// call to the caller's unit of work: they are stored with the answer or not at all. The e-mail goes to whoever is on
/// call for the patient (covering, responsible, or the clinical lead on duty) and names nobody and nothing clinical;
/// each kind has its own subject, apart from the safety alerts' "please sign in".
/// </summary>
public sealed class RelapseWatch(AppDbContext db, CareAccess care, MeasurementHistory measures, PeopleNames people, Outbox outbox, TimeProvider clock,
    IConfiguration config)
{
    public const string RelapseSubject = "Rapport: someone may need an earlier session";
    public const string DeteriorationSubject = "Rapport: a course needs your review";

    public async Task<RelapseAlert?> CheckAsync(AssessmentResponse response, CancellationToken ct)
    {
        if (CompletePhq9(response) is not { } total)
        {
            return null;
        }
        var course = await db.TreatmentCourses.FirstOrDefaultAsync(c => c.PatientId == response.PatientId && c.Phase == CoursePhase.Maintenance, ct);
        if (course is null || await db.MaintenancePlans.FirstOrDefaultAsync(p => p.CourseId == course.Id, ct) is not { } plan)
        {
            return null;
        }
        if (await HasOpenAsync(course, CourseAlertKind.Relapse, ct))
        {
            // The therapist is already looking at an open alert for this course; the new score shows on the course page.
            return null;
        }
        var alert = RelapseAlert.For(course, plan, response.Id, total, clock.GetUtcNow());
        if (alert is not null)
        {
            await RaiseAsync(alert, response.PatientId, ct);
        }
        return alert;
    }

    /// <summary>
    /// The acute phases' rule (readme, rule 29). The baseline is the last complete PHQ-9 answered by the time the course
    /// opened (the assessment's), or else the first answered since; the previous one is the latest complete PHQ-9 before
    /// this answer, not older than the baseline.
    /// </summary>
    public async Task<RelapseAlert?> CheckAcutePhaseAsync(AssessmentResponse response, CancellationToken ct)
    {
        if (CompletePhq9(response) is not { } total)
        {
            return null;
        }
        var course = await db.TreatmentCourses.Where(c => c.PatientId == response.PatientId && c.EndedAt == null && c.Phase != CoursePhase.Maintenance)
            .OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);
        if (course is null || course.IsEnded || await HasOpenAsync(course, CourseAlertKind.Deterioration, ct))
        {
            return null;
        }
        // The answer being checked is not saved yet, so these queries never find it.
        var complete = measures.CompleteScored(response.PatientId, InstrumentCatalog.Phq9).Where(r => r.Id != response.Id);
        var baseline = await complete.Where(r => r.SubmittedAt <= course.OpenedAt).OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct)
            ?? await complete.Where(r => r.SubmittedAt > course.OpenedAt).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);
        var previous = baseline is null ? null
            : await complete.Where(r => r.SubmittedAt >= baseline.SubmittedAt).OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var alert = RelapseAlert.ForDeterioration(course, response.Id, total, baseline?.Total, previous?.Total, clock.GetUtcNow());
        if (alert is not null)
        {
            await RaiseAsync(alert, response.PatientId, ct);
        }
        return alert;
    }

    private static int? CompletePhq9(AssessmentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.InstrumentId == InstrumentCatalog.Phq9 && response.IsComplete ? response.Total : null;
    }

    private Task<bool> HasOpenAsync(TreatmentCourse course, CourseAlertKind kind, CancellationToken ct) =>
        db.RelapseAlerts.AnyAsync(a => a.CourseId == course.Id && a.Kind == kind && a.AcknowledgedAt == null, ct);

    private async Task RaiseAsync(RelapseAlert alert, Guid patientId, CancellationToken ct)
    {
        db.RelapseAlerts.Add(alert);
        if (await care.ClinicianToNotifyAsync(patientId, ct) is { } onCall
            && (await people.ReachableAsync([onCall.ClinicianId], ct)).FirstOrDefault() is { } clinician)
        {
            var mail = ToClinician(clinician.DisplayName, alert.Kind, $"{config.PublicBaseUrl()}/therapist/patients");
            outbox.Queue(clinician.Email, clinician.DisplayName, mail,
                correlationKey: $"{(alert.Kind == CourseAlertKind.Relapse ? "relapse" : "deterioration")}-alert:{alert.Id:N}");
        }
    }

    /// <summary>To the clinician who acts for the patient: that someone may need them, never who or why.</summary>
    [StaffOnlyMail]
    public static MailText ToClinician(string name, CourseAlertKind kind, string link) =>
        new(kind == CourseAlertKind.Relapse ? RelapseSubject : DeteriorationSubject,
            $"""
            Hello {name},

            {(kind == CourseAlertKind.Relapse ? "Someone in your care may need an earlier session." : "Someone in your care may need their plan reviewed.")} Please sign in to Rapport to see it:
            {link}
            """);
}
