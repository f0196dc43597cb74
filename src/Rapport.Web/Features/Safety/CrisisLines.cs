using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Safety;

/// <summary>The crisis resources for a country: its own first, then those shown everywhere.</summary>
public sealed class CrisisLines(AppDbContext db)
{
    /// <summary>
    /// The lines for where the patient is: the country given in their intake (asked for exactly this), else the
    /// country of their account.
    /// </summary>
    public async Task<IReadOnlyList<CrisisResource>> ForPatientAsync(Guid patientId, CancellationToken ct)
    {
        var country = await db.Intakes.Where(i => i.PatientId == patientId).Select(i => i.CountryCode).FirstOrDefaultAsync(ct)
            ?? await db.Users.Where(u => u.Id == patientId).Select(u => u.CountryCode).FirstOrDefaultAsync(ct);
        return await ForCountryAsync(country, ct);
    }

    public async Task<IReadOnlyList<CrisisResource>> ForCountryAsync(string? countryCode, CancellationToken ct)
    {
        var country = countryCode?.ToUpperInvariant() ?? "";
        var rows = await db.CrisisResources.AsNoTracking()
            .Where(r => r.CountryCode == country || r.CountryCode == CrisisResource.Everywhere).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.CountryCode == CrisisResource.Everywhere).ThenBy(r => r.SortOrder)];
    }
}
