using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The formulation (docs/clinical/ipt-course.md#formulation): the course's own therapist writes and revises it (a
/// revision withdraws an earlier agreement) and records the patient's agreement given in a session; the patient may
/// agree in the portal once there is wording for them. Each is one unit of work with its audit entry; anyone else
/// meets "not found".
/// </summary>
public sealed class FormulationWriting(AppDbContext db, TreatmentCourseService courses, Auditor audit, TimeProvider clock)
{
    /// <summary>The formulation as saved, and whether the patient had agreed to the revision it replaces.</summary>
    public async Task<(Formulation Formulation, bool AgreementWithdrawn)> SaveAsync(Guid therapistId, Guid patientId, Formulation.Details details,
        CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var now = clock.GetUtcNow();
        var inventory = await db.InterpersonalInventories.SingleOrDefaultAsync(i => i.CourseId == course.Id, ct);
        var formulation = await db.Formulations.SingleOrDefaultAsync(f => f.CourseId == course.Id, ct);
        var wasAgreed = formulation?.IsAgreed == true;
        if (formulation is null)
        {
            formulation = Formulation.Write(course, details, inventory, therapistId, now);
            db.Formulations.Add(formulation);
        }
        else
        {
            formulation.Revise(details, inventory, therapistId, now);
        }
        audit.Stage(AuditAction.FormulationSaved, subject: formulation.Id.ToString(), patientId: patientId,
            detail: $"revision {formulation.Revision}{(wasAgreed ? "; agreement withdrawn" : "")}");
        await db.SaveChangesAsync(ct);
        return (formulation, wasAgreed);
    }

    /// <summary>The patient agreed in the session; the therapist records it.</summary>
    public async Task<Formulation> RecordAgreementInSessionAsync(Guid therapistId, Guid patientId, CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var formulation = await db.Formulations.SingleOrDefaultAsync(f => f.CourseId == course.Id, ct)
            ?? throw new RuleViolationException(TreatmentCourseRules.FormulationNeedsWording, "Write the formulation before recording the patient's agreement.");
        formulation.RecordAgreement(AgreementChannel.InSession, therapistId, clock.GetUtcNow());
        audit.Stage(AuditAction.FormulationAgreed, subject: formulation.Id.ToString(), patientId: patientId, detail: $"revision {formulation.Revision} in session");
        await db.SaveChangesAsync(ct);
        return formulation;
    }

    /// <summary>The patient agrees in the portal to the wording written for them.</summary>
    public async Task<Formulation> AgreeInPortalAsync(Guid patientId, bool agrees, CancellationToken ct)
    {
        var course = await courses.LatestForPatientAsync(patientId, ct) ?? throw new NotFoundException("No course yet.");
        var formulation = await db.Formulations.SingleOrDefaultAsync(f => f.CourseId == course.Id && f.WordingForPatient != null, ct)
            ?? throw new NotFoundException("Nothing to agree to yet.");
        course.EnsureOpen();
        if (!agrees)
        {
            throw new RuleViolationException(TreatmentCourseRules.FormulationNeedsWording,
                "Tick the box to say you agree. If something does not fit, tell your therapist at your next session.");
        }
        formulation.RecordAgreement(AgreementChannel.Portal, patientId, clock.GetUtcNow());
        audit.Stage(AuditAction.FormulationAgreed, subject: formulation.Id.ToString(), patientId: patientId, detail: $"revision {formulation.Revision} in the portal");
        await db.SaveChangesAsync(ct);
        return formulation;
    }
}
