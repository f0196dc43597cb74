using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// A patient's intake and life events as other features read them (the alert page, the crisis lines, the course
/// timeline), so no other feature reads these tables (docs/architecture.md, "Layers"). Reads only: whoever asks has
/// already checked that the caller may read this patient, and audits the read as its own use case.
/// </summary>
public sealed class PatientIntakes(AppDbContext db)
{
    /// <summary>
    /// The patient's intake, or null before they completed one. An entity, not a projection: its free text is clinical
    /// text, decrypted as the entity loads. Not tracked.
    /// </summary>
    public Task<Intake?> OfAsync(Guid patientId, CancellationToken ct) =>
        db.Intakes.AsNoTracking().FirstOrDefaultAsync(i => i.PatientId == patientId, ct);

    /// <summary>The country the patient gave in their intake (asked for exactly where they are), or null without an intake.</summary>
    public Task<string?> CountryOfAsync(Guid patientId, CancellationToken ct) =>
        db.Intakes.Where(i => i.PatientId == patientId).Select(i => i.CountryCode).FirstOrDefaultAsync(ct);

    /// <summary>The patient's life events, oldest month first; entities for the same reason as the intake. Not tracked.</summary>
    public async Task<IReadOnlyList<LifeEvent>> LifeEventsOfAsync(Guid patientId, CancellationToken ct) =>
        await db.LifeEvents.AsNoTracking().Where(e => e.PatientId == patientId).OrderBy(e => e.Month).ToListAsync(ct);
}
