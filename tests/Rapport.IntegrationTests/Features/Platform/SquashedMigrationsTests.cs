using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>
/// The migrations were squashed into one initial migration per database (docs/adr/0002-migrations-apart-and-squashed.md):
/// a developer's database built by the old ones keeps working, and one left part-way through them is refused with
/// what to do, on each database.
/// </summary>
public abstract class SquashedMigrationsTests
{
    /// <summary>The first of the old migrations on this provider.</summary>
    protected abstract string OldFoundation { get; }

    /// <summary>An old migration from the middle of the list on this provider.</summary>
    protected abstract string OldBooking { get; }

    /// <summary>The last of the old migrations on this provider.</summary>
    protected abstract string OldLast { get; }

    protected abstract AppDbContext NewDatabase();

    [Fact]
    public async Task ADatabaseBuiltByTheOldMigrationsIsBaselinedAndKeepsItsRecords()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = NewDatabase();
        try
        {
            // The squashed schema is the one the old migrations left (the ADR records the comparison); only the history differs.
            await db.Database.MigrateAsync(ct);
            db.Roles.Add(new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = "Kept", NormalizedName = "KEPT" });
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"", ct);
            await RecordAsync(db, OldFoundation, OldBooking, OldLast);

            await DataSetup.MigrateAsync(db, ct);

            Assert.Equal([OldFoundation, OldBooking, OldLast, .. db.Database.GetMigrations()], (await db.Database.GetAppliedMigrationsAsync(ct)).Order());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            Assert.True(await db.Roles.AnyAsync(r => r.Name == "Kept", ct));
        }
        finally
        {
            await db.Database.EnsureDeletedAsync(ct);
        }
    }

    [Fact]
    public async Task ADatabaseStoppedPartWayThroughTheOldMigrationsIsToldToMigrateWithThePreviousReleaseFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = NewDatabase();
        try
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(ct);
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateScript(), ct);
            await RecordAsync(db, OldFoundation, OldBooking);

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DataSetup.MigrateAsync(db, ct));

            Assert.Contains($"stopped at {OldBooking}", refused.Message, StringComparison.Ordinal);
            Assert.Contains("previous release", refused.Message, StringComparison.Ordinal);
            Assert.Equal([OldFoundation, OldBooking], (await db.Database.GetAppliedMigrationsAsync(ct)).Order());
        }
        finally
        {
            await db.Database.EnsureDeletedAsync(ct);
        }
    }

    private static async Task RecordAsync(AppDbContext db, params string[] migrations)
    {
        var history = db.GetService<IHistoryRepository>();
        foreach (var id in migrations)
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(id, "10.0.15")));
        }
    }
}

public sealed class SquashedMigrationsTestsOnSqlite : SquashedMigrationsTests
{
    protected override string OldFoundation => "20261127091409_Foundation";
    protected override string OldBooking => "20261127101234_Booking";
    protected override string OldLast => "20261206024613_DataRights";

    protected override AppDbContext NewDatabase() => MigrationDatabases.NewSqlite();
}

public sealed class SquashedMigrationsTestsOnPostgres : SquashedMigrationsTests
{
    protected override string OldFoundation => "20261127091441_Foundation";
    protected override string OldBooking => "20261127101252_Booking";
    protected override string OldLast => "20261206024619_DataRights";

    protected override AppDbContext NewDatabase() => MigrationDatabases.NewPostgres();
}
