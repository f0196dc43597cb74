using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Therapists;

/// <summary>A therapist's own directory profile, read without tracking, for the pages that show it (docs/architecture.md, "Layers").</summary>
public sealed class ProfileLookup(AppDbContext db)
{
    /// <summary>The profile of <paramref name="therapistId"/>, or null before their first save.</summary>
    public Task<TherapistProfile?> OfAsync(Guid therapistId, CancellationToken ct) =>
        db.TherapistProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == therapistId, ct);
}
