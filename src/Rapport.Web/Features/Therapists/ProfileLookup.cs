using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Therapists;

/// <summary>
/// Therapists' directory profiles, read without tracking, for the pages that show them and the features that search or
/// join them (docs/architecture.md, "Layers"): nothing outside this feature reads the profile table itself.
/// </summary>
public sealed class ProfileLookup(AppDbContext db)
{
    /// <summary>The profile of <paramref name="therapistId"/>, or null before their first save.</summary>
    public Task<TherapistProfile?> OfAsync(Guid therapistId, CancellationToken ct) =>
        db.TherapistProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == therapistId, ct);

    /// <summary>The approved profiles (listed in the directory), untracked, to filter and page inside the reader's query.</summary>
    public IQueryable<TherapistProfile> Approved => db.TherapistProfiles.AsNoTracking().Where(p => p.Status == ProfileStatus.Approved);

    /// <summary>Whether <paramref name="therapistId"/> has an approved profile.</summary>
    public Task<bool> IsApprovedAsync(Guid therapistId, CancellationToken ct) =>
        db.TherapistProfiles.AnyAsync(p => p.UserId == therapistId && p.Status == ProfileStatus.Approved, ct);

    /// <summary>The profiles of <paramref name="therapistIds"/>, whatever their state; one without a profile is missing.</summary>
    public Task<Dictionary<Guid, TherapistProfile>> OfAsync(IReadOnlyCollection<Guid> therapistIds, CancellationToken ct) =>
        db.TherapistProfiles.AsNoTracking().Where(p => therapistIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);

    /// <summary>
    /// Every profile, whatever its review state, for a feature that filters or joins profiles inside its own query (one
    /// round trip). Read-only: nothing is tracked, and neither is anything else the composing query loads, so a caller that
    /// changes its own entities loads them in a query of their own.
    /// </summary>
    public IQueryable<TherapistProfile> Profiles => db.TherapistProfiles.AsNoTracking();

    /// <summary>How many profiles wait for the clinic's approval.</summary>
    public Task<int> WaitingCountAsync(CancellationToken ct) => db.TherapistProfiles.CountAsync(p => p.Status == ProfileStatus.Submitted, ct);
}
