using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Safety;

/// <summary>The crisis resources for a country: its own first, then those shown everywhere.</summary>
public sealed class CrisisLines(AppDbContext db)
{
    public async Task<IReadOnlyList<CrisisResource>> ForCountryAsync(string? countryCode, CancellationToken ct)
    {
        var country = countryCode?.ToUpperInvariant() ?? "";
        var rows = await db.CrisisResources.AsNoTracking()
            .Where(r => r.CountryCode == country || r.CountryCode == CrisisResource.Everywhere).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.CountryCode == CrisisResource.Everywhere).ThenBy(r => r.SortOrder)];
    }
}
