using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// One line as a patient sees it: the country's emergency number, a service from the file, or a clinic's own line. It is
/// the crisis contact the Assessments feature shows after a risk answer, so every page renders it with one partial view.
/// </summary>
public sealed record CrisisLine(string Name, string? Phone, string? Text, string? Url, string Hours, string? Notes, IReadOnlyList<string> Languages, bool IsEmergency)
    : CrisisContact(Name, Phone, Text, Url, Hours, Notes, Languages);

/// <summary>
/// The crisis lines for a country: its emergency number first, then the services in the file (a clinic line with the
/// same number replaces one), then the clinic's other lines for that country, then those it shows everywhere. Every
/// number appears once, so 112 or 911 is never listed a second time beside the emergency number.
/// </summary>
public sealed class CrisisLines(AppDbContext db, CrisisLineBook book, ClinicCrisisLines clinicLines)
{
    public const string EmergencyName = "Emergency services";

    /// <summary>
    /// Where the patient is: the country given in their intake (asked for exactly this), else the country of their account.
    /// </summary>
    public Task<string?> CountryOfAsync(Guid patientId, CancellationToken ct) => Country.For(db)(db, patientId, ct);

    /// <summary>
    /// The same, as a part of another feature's query (Data/QueryPart.cs): both countries, each read by the part its owner
    /// writes; null when there is no such account.
    /// </summary>
    public static readonly Expression<Func<AppDbContext, Guid, string?>> CountryOf = (db, patientId) =>
        PeopleNames.ById.Use(db, patientId).Select(p => AssessmentRecords.IntakeCountryOf.Use(db, patientId) ?? p.CountryCode).FirstOrDefault();

    // Compiled once, as every risk answer and safety plan asks (Data/CompiledQuery.cs).
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<string?>>> Country = new(() =>
        EF.CompileAsyncQuery(QueryPart.Splice((AppDbContext db, Guid patientId, CancellationToken ct) => CountryOf.Use(db, patientId))));

    public async Task<IReadOnlyList<CrisisLine>> ForPatientAsync(Guid patientId, CancellationToken ct) =>
        await ForCountryAsync(await CountryOfAsync(patientId, ct), ct);

    // The merge depends only on the country and the clinic's lines, which ClinicCrisisLines keeps as one list until a save
    // changes them or a minute passes; the patient's home and "My plan" show the lines on every visit, so each country's
    // merge lives with that list.
    private static readonly ConditionalWeakTable<IReadOnlyList<CrisisResource>, ConcurrentDictionary<string, IReadOnlyList<CrisisLine>>> Merged = new();

    public async Task<IReadOnlyList<CrisisLine>> ForCountryAsync(string? countryCode, CancellationToken ct)
    {
        var country = countryCode?.Trim().ToUpperInvariant() ?? "";
        var all = await clinicLines.AllAsync(db, ct);
        return Merged.GetValue(all, static _ => new(StringComparer.Ordinal)).GetOrAdd(country, static (code, known) =>
            Merge(known.Book.For(code), [.. known.All.Where(r => r.CountryCode == code || r.CountryCode == CrisisResource.Everywhere)]), (Book: book, All: all));
    }

    internal static IReadOnlyList<CrisisLine> Merge(CrisisLineBook.Country? country, IReadOnlyList<CrisisResource> clinic)
    {
        var own = clinic.Where(r => r.CountryCode != CrisisResource.Everywhere).OrderBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var everywhere = clinic.Where(r => r.CountryCode == CrisisResource.Everywhere).OrderBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal);
        var emergency = country?.Emergency ?? CrisisLineBook.Unknown;
        var lines = new List<CrisisLine> { new(EmergencyName, emergency.Number, null, null, "24 hours", emergency.Notes, [], IsEmergency: true) };
        foreach (var service in country?.Services ?? [])
        {
            var replacement = own.FirstOrDefault(r => SameNumber(r.Phone, service.Phone) || SameNumber(r.Text, service.Text));
            if (replacement is not null)
            {
                own.Remove(replacement);
            }
            lines.Add(replacement is not null ? FromClinic(replacement)
                : new(service.Name, service.Phone, service.Text, service.Url, service.Hours ?? "", service.Notes, service.Languages ?? [], IsEmergency: false));
        }
        lines.AddRange(own.Select(FromClinic));
        lines.AddRange(everywhere.Select(FromClinic));
        // The first line to carry a number keeps it; a later one with the same number would only repeat it.
        var called = new HashSet<string>(StringComparer.Ordinal);
        return [.. lines.Where(l => l.Phone is null || called.Add(CrisisResource.Dial(l.Phone)))];
    }

    private static CrisisLine FromClinic(CrisisResource r) => new(r.Name, r.Phone, r.Text, r.Url, r.Hours, r.Notes, [], IsEmergency: false);

    private static bool SameNumber(string? a, string? b) => a is not null && b is not null && CrisisResource.Dial(a) == CrisisResource.Dial(b);
}
