using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>
/// A patient's care relationships, cover periods and emergency accesses removed once their record's retention has ended
/// (DataRights readme, rule 8), in the caller's transaction, so no other feature deletes these tables
/// (docs/architecture.md, "Layers"). The caller records the purge.
/// </summary>
public sealed class CareRecords(AppDbContext db)
{
    /// <summary>The numbers removed; emergency accesses and cover periods before the relationships they may point at.</summary>
    public async Task<(int EmergencyAccesses, int CoverPeriods, int Relationships)> ForgetPatientAsync(Guid patientId, CancellationToken ct) => (
        await db.EmergencyAccesses.Where(e => e.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.CoverPeriods.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.CareRelationships.Where(r => r.PatientId == patientId).ExecuteDeleteAsync(ct));
}
