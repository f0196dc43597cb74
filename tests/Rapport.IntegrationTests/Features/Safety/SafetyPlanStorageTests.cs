using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>The safety plan is clinical free text, so a copy of the database alone must not show it.</summary>
public abstract class SafetyPlanStorageTests(RapportApp app)
{
    [Fact]
    public async Task ASafetyPlanIsUnreadableInTheDatabaseAndReadsBackAsWritten()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        const string warningSigns = "When I stop answering my sister's calls";
        var plan = SafetyPlanVersion.Write(patient.Id, null,
            new SafetyPlanVersion.Steps(warningSigns, "Walk by the river", null, "Ana, 0170 1234567", null, "Tablets kept by Ana", "My son"),
            patient.Id, app.Clock.GetUtcNow());
        await app.QueryAsync(async db =>
        {
            db.SafetyPlanVersions.Add(plan);
            var saved = await db.SaveChangesAsync();
            // The saved entity holds the plain text again for the rest of the request.
            Assert.Equal(warningSigns, plan.WarningSigns);
            return saved;
        });

        var raw = await app.RawTextAsync("SafetyPlanVersions", "WarningSigns", "Id", plan.Id);
        var rawReason = await app.RawTextAsync("SafetyPlanVersions", "ReasonForLiving", "Id", plan.Id);
        var read = await app.QueryAsync(db => db.SafetyPlanVersions.AsNoTracking().SingleAsync(p => p.Id == plan.Id));

        Assert.False(string.IsNullOrEmpty(raw));
        Assert.DoesNotContain("sister", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("My son", rawReason, StringComparison.Ordinal);
        Assert.Equal(warningSigns, read.WarningSigns);
        Assert.Equal("My son", read.ReasonForLiving);
        Assert.Null(read.DistractionPeopleAndPlaces);
    }

    [Fact]
    public async Task TheSameTextIsStoredDifferentlyEachTime()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var steps = new SafetyPlanVersion.Steps("Same words", null, null, null, null, null, null);
        var first = SafetyPlanVersion.Write(patient.Id, null, steps, patient.Id, app.Clock.GetUtcNow());
        // Another step changes, so the second save is a new version (one that repeats the first is none); the words compared stay the same.
        var second = SafetyPlanVersion.Write(patient.Id, first, steps with { ReasonForLiving = "My garden" }, patient.Id, app.Clock.GetUtcNow());
        await app.QueryAsync(async db =>
        {
            db.SafetyPlanVersions.AddRange(first, second);
            return await db.SaveChangesAsync();
        });

        var rawFirst = await app.RawTextAsync("SafetyPlanVersions", "WarningSigns", "Id", first.Id);
        var rawSecond = await app.RawTextAsync("SafetyPlanVersions", "WarningSigns", "Id", second.Id);

        Assert.NotEqual(rawFirst, rawSecond);
    }
}

public sealed class SafetyPlanStorageTestsOnSqlite(SqliteApp app) : SafetyPlanStorageTests(app);

public sealed class SafetyPlanStorageTestsOnPostgres(PostgresApp app) : SafetyPlanStorageTests(app);
