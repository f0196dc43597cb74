using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The treatment contract's drafts and amendments (docs/clinical/ipt-course.md#treatment-contract; readme, "Contract"):
/// the course's own therapist writes the first draft from the agreed formulation, changes a version not yet signed by
/// both (a signature already given is withdrawn by the contract itself), and amends the contract in force with a reason,
/// as a new version both sign again. Signing is <see cref="TreatmentCourseService.SignContractAsync"/>. Each change is one
/// save with its audit entry.
/// </summary>
public sealed class ContractWriting(AppDbContext db, TreatmentCourseService courses, Auditor audit, TimeProvider clock)
{
    /// <summary>Writes the first draft, or changes the open draft or amendment.</summary>
    public async Task<TreatmentContract> SaveAsync(Guid therapistId, Guid patientId, TreatmentContract.Terms terms, CancellationToken ct)
    {
        var (course, formulation, versions) = await LoadAsync(therapistId, patientId, ct);
        var now = clock.GetUtcNow();
        TreatmentContract contract;
        if (versions.MaxBy(c => c.Version) is { } newest)
        {
            // A version both signed refuses by its own rule: it is changed only by an amendment.
            newest.Update(formulation, terms, now);
            contract = newest;
        }
        else
        {
            contract = TreatmentContract.Draft(course, formulation, terms, now);
            db.TreatmentContracts.Add(contract);
        }
        audit.Stage(AuditAction.ContractSaved, subject: contract.Id.ToString(), patientId: course.PatientId, detail: $"version {contract.Version} draft");
        await db.SaveChangesAsync(ct);
        return contract;
    }

    /// <summary>A change to the contract in force: a new version with its reason; the old one applies until both sign it.</summary>
    public async Task<TreatmentContract> AmendAsync(Guid therapistId, Guid patientId, TreatmentContract.Terms terms, string? reason, CancellationToken ct)
    {
        var (course, formulation, versions) = await LoadAsync(therapistId, patientId, ct);
        var amendment = TreatmentContract.Amend(course, versions, formulation, terms, reason ?? "", clock.GetUtcNow());
        db.TreatmentContracts.Add(amendment);
        audit.Stage(AuditAction.ContractSaved, subject: amendment.Id.ToString(), patientId: course.PatientId, detail: $"version {amendment.Version} amendment");
        await db.SaveChangesAsync(ct);
        return amendment;
    }

    private async Task<(TreatmentCourse Course, Formulation Formulation, List<TreatmentContract> Versions)> LoadAsync(Guid therapistId, Guid patientId, CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var formulation = await db.Formulations.SingleOrDefaultAsync(f => f.CourseId == course.Id, ct)
            ?? throw new RuleViolationException(TreatmentCourseRules.ContractNeedsAgreedFormulation,
                "The contract records the agreed focus, so write the formulation and agree it with the patient first.");
        var versions = await db.TreatmentContracts.Where(c => c.CourseId == course.Id).OrderBy(c => c.Version).ToListAsync(ct);
        return (course, formulation, versions);
    }
}
