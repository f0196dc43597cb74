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

    /// <summary>
    /// The country the patient gave in their intake (asked for exactly where they are), as a query to compose into the
    /// caller's own: empty without an intake. The crisis lines read it with the account's country in one round trip.
    /// </summary>
    public IQueryable<string> CountryGiven(Guid patientId) =>
        db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).Select(i => i.CountryCode);

    /// <summary>The patient's life events, oldest month first; entities for the same reason as the intake. Not tracked.</summary>
    public async Task<IReadOnlyList<LifeEvent>> LifeEventsOfAsync(Guid patientId, CancellationToken ct) =>
        await db.LifeEvents.AsNoTracking().Where(e => e.PatientId == patientId).OrderBy(e => e.Month).ToListAsync(ct);
}
