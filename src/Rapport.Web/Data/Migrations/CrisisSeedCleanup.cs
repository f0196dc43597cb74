using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Web.Data.Migrations;

/// <summary>
/// The CrisisLinesFile migration's hand-written step, kept apart so the provider migrations can be regenerated around it.
/// The 21 crisis lines once seeded by HasData now live in Features/Safety/crisis-lines.json (Safety readme, rule 11).
/// A seeded row nobody edited (UpdatedAt null) is removed; a row an admin changed is the clinic's own decision and stays,
/// as a clinic line beside the file's.
/// </summary>
public static class CrisisSeedCleanup
{
    private static readonly string[] SeedIds = [.. Enumerable.Range(1, 21).Select(n => $"5AFE0000-0000-4000-8000-{n:D12}")];

    public static void DeleteUneditedSeed(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var ids = string.Join(", ", SeedIds.Select(id => $"'{id}'"));
        // SQLite keeps a Guid as upper-case text; PostgreSQL as uuid, compared here in the same upper-case text form.
        var id = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "upper(\"Id\"::text)" : "upper(\"Id\")";
        migrationBuilder.Sql($"DELETE FROM \"CrisisResources\" WHERE \"UpdatedAt\" IS NULL AND {id} IN ({ids});");
    }
}
