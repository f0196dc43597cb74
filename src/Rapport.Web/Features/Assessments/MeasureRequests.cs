using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// A clinician's measurement actions for one patient: sending a questionnaire now, and changing how often each measure
/// falls due. Each is one unit of work with its audit entry (and, for a questionnaire sent, the patient's e-mail), so a
/// page or an endpoint only translates. Only a clinician who acts in the patient's care may do either; anyone else gets
/// the audited 404 of <see cref="CareAccess"/>.
/// </summary>
public sealed class MeasureRequests(AppDbContext db, PeopleNames people, CareAccess care, AssessmentService assessments, Outbox outbox, Auditor audit,
    TimeProvider clock, IConfiguration config)
{
    public async Task<(MeasureRequest Request, Instrument Instrument)> SendAsync(Guid clinicianId, Guid patientId, string? instrumentId,
        CancellationToken ct)
    {
        await care.EnsureActsInCareAsync(clinicianId, patientId, ct);
        if (InstrumentCatalog.Find(instrumentId ?? "") is not { Rater: Rater.Patient } chosen)
        {
            throw new RuleViolationException(AssessmentRules.NotSendable, "Choose a questionnaire the patient can answer.");
        }
        var instrument = await assessments.OfferedAsync(chosen.Id, ct);
        if (await db.MeasureRequests.AnyAsync(r => r.PatientId == patientId && r.InstrumentId == instrument.Id && r.ResponseId == null, ct))
        {
            throw new RuleViolationException(AssessmentRules.MeasureAlreadyWaiting,
                $"{instrument.ShortName} was already sent and is waiting for an answer.");
        }
        var patient = await people.People.Where(p => p.Id == patientId).Select(p => new { p.Email, p.DisplayName }).SingleAsync(ct);
        var request = MeasureRequest.Send(patientId, instrument, clinicianId, clock.GetUtcNow());
        db.MeasureRequests.Add(request);
        // The e-mail names no measure: it says something is waiting and links to the home page (Notifications readme).
        outbox.Queue(patient.Email!, patient.DisplayName, AssessmentMail.SomethingWaiting(patient.DisplayName, $"{config.PublicBaseUrl()}/patient"),
            correlationKey: $"measure-request:{request.Id:N}");
        audit.Stage(AuditAction.MeasureRequested, subject: request.Id.ToString(), patientId: patientId, detail: instrument.Id);
        await db.SaveChangesAsync(ct);
        outbox.SendSoon();
        return (request, instrument);
    }

    public async Task<MeasurementPlan> ChangePlanAsync(Guid clinicianId, Guid patientId, int phq9Every, int gad7Every, int wsasEvery,
        CancellationToken ct)
    {
        await care.EnsureActsInCareAsync(clinicianId, patientId, ct);
        var plan = await db.MeasurementPlans.FirstOrDefaultAsync(p => p.PatientId == patientId, ct);
        var isNew = plan is null;
        plan ??= MeasurementPlan.Default(patientId);
        plan.Change(phq9Every, gad7Every, wsasEvery, clinicianId, clock.GetUtcNow());
        if (isNew)
        {
            db.MeasurementPlans.Add(plan);
        }
        audit.Stage(AuditAction.MeasurementPlanChanged, subject: patientId.ToString(), patientId: patientId,
            detail: Schedule(plan));
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>
    /// Maintenance sessions come monthly by default and the PHQ-9 is asked before every session, so it becomes monthly
    /// with them: a plan that had spaced the PHQ-9 out asks it every session again; the rest is kept. Changes the plan in
    /// the caller's unit of work (its save stores it, with the caller's audit entries) and answers the new schedule in
    /// the audit's words, or null when nothing changed.
    /// </summary>
    public async Task<string?> KeepPhq9BeforeEverySessionAsync(Guid clinicianId, Guid patientId, DateTimeOffset now, CancellationToken ct)
    {
        var plan = await db.MeasurementPlans.FirstOrDefaultAsync(p => p.PatientId == patientId, ct);
        if (plan is null || plan.Phq9EveryNthSession == 1)
        {
            return null;
        }
        plan.Change(1, plan.Gad7EveryNthSession, plan.WsasEveryNthSession, clinicianId, now);
        return Schedule(plan);
    }

    private static string Schedule(MeasurementPlan plan) =>
        $"{InstrumentCatalog.Phq9} every {plan.Phq9EveryNthSession}, {InstrumentCatalog.Gad7} every {plan.Gad7EveryNthSession}, {InstrumentCatalog.Wsas} every {plan.WsasEveryNthSession}";
}
