using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>
/// The crisis lines moved from seed rows to crisis-lines.json: the CrisisLinesFile migration removes the seeded rows
/// nobody touched and keeps the one an admin edited, on each database.
/// </summary>
public abstract class CrisisLinesMigrationTests
{
    /// <summary>The last migration before the crisis lines file, on this provider.</summary>
    protected abstract string PreviousMigration { get; }

    protected abstract AppDbContext NewDatabase();

    [Fact]
    public async Task TheSeededLinesGoExceptTheOneTheClinicEdited()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = NewDatabase();
        try
        {
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration, ct);
            var seeded = await db.CrisisResources.CountAsync(ct);
            var samaritans = await db.CrisisResources.SingleAsync(r => r.CountryCode == "GB" && r.Name == "Samaritans", ct);
            samaritans.Change(new("GB", "Samaritans", "116 123", null, "https://www.samaritans.org", "24 hours", "Our clinic's note.", 1),
                new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
            await db.SaveChangesAsync(ct);

            await db.GetService<IMigrator>().MigrateAsync(cancellationToken: ct);

            Assert.Equal(21, seeded);
            var kept = Assert.Single(await db.CrisisResources.AsNoTracking().ToListAsync(ct));
            Assert.Equal(("GB", "Samaritans", "Our clinic's note."), (kept.CountryCode, kept.Name, kept.Notes));
        }
        finally
        {
            await db.Database.EnsureDeletedAsync(ct);
        }
    }
}

public sealed class CrisisLinesMigrationTestsOnSqlite : CrisisLinesMigrationTests
{
    protected override string PreviousMigration => "20261205051426_CareRelationships";

    protected override AppDbContext NewDatabase() => MigrationDatabases.NewSqlite();
}

public sealed class CrisisLinesMigrationTestsOnPostgres : CrisisLinesMigrationTests
{
    protected override string PreviousMigration => "20261205051430_CareRelationships";

    protected override AppDbContext NewDatabase() => MigrationDatabases.NewPostgres();
}
