using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Audit;

public abstract class AuditTests(RapportApp app)
{
    [Fact]
    public async Task TheDatabaseRefusesToEditOrDeleteAuditRows()
    {
        await app.Services.GetRequiredService<AuditWriter>().WriteAsync(new AuditEntry("test.row"));
        var postgres = app.Provider == DataSetup.Postgres;

        var update = await Record.ExceptionAsync(() => app.QueryAsync(db => postgres
            ? db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Detail\" = 'edited'")
            : db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Detail = 'edited'")));
        var delete = await Record.ExceptionAsync(() => app.QueryAsync(db => postgres
            ? db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\"")
            : db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEvents")));

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Detail == "edited")));
    }

    [Fact]
    public async Task ConcurrentWritersAreSealedTogetherInSignedBlocks()
    {
        var writer = app.Services.GetRequiredService<AuditWriter>();

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => writer.WriteAsync(new AuditEntry("test.concurrent", Detail: $"writer {i}"))));
        var report = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync();
        var blocks = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Action == "test.concurrent").Select(e => e.Block).Distinct().CountAsync());

        Assert.True(report.Intact, report.Reason);
        Assert.True(report.RowsChecked >= 64);
        // Group commit: 64 callers waiting at once share blocks instead of taking one transaction each.
        Assert.InRange(blocks, 1, 32);
    }

    [Fact]
    public async Task EveryFieldOfEveryEntryIsStoredAsWrittenHoweverManyShareABlock()
    {
        var marker = Guid.NewGuid().ToString("N");
        // Every other entry leaves its optional fields empty.
        var written = Enumerable.Range(0, 100).Select(i => i % 2 == 0
            ? new AuditEntry("test.fields", AuditOutcome.Denied, Guid.NewGuid(), Guid.NewGuid(), $"{marker} {i}", null, $"detail {i} ' \" ; --")
            : new AuditEntry("test.fields", Subject: $"{marker} {i}")).ToList();
        var before = app.Clock.GetUtcNow().AddMilliseconds(-1);

        // Staged with one save, the 100 entries are sealed as one block, whose rows go in as several statements.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var auditor = scope.ServiceProvider.GetRequiredService<Auditor>();
            foreach (var e in written)
            {
                auditor.Stage(e.Action, e.Outcome, e.UserId, e.Subject, e.Detail, e.PatientId);
            }
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        // The address is set only on entries written directly (a staged entry takes the request's).
        await app.Services.GetRequiredService<AuditWriter>().WriteAsync(new AuditEntry("test.fields", Subject: $"{marker} address", IpAddress: "203.0.113.9"));
        var after = app.Clock.GetUtcNow().AddMilliseconds(1);
        var stored = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Subject!.StartsWith(marker)).OrderBy(e => e.Sequence).ToListAsync());
        var report = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync();

        Assert.True(report.Intact, report.Reason);
        Assert.Equal(written.Select(e => e.Subject).Append($"{marker} address").Order(), stored.Select(e => e.Subject).Order());
        Assert.Single(stored.Where(e => e.Subject != $"{marker} address").Select(e => e.Block).Distinct());
        Assert.Equal("203.0.113.9", stored.Single(e => e.Subject == $"{marker} address").IpAddress);
        foreach (var entry in stored.Where(e => e.Subject != $"{marker} address"))
        {
            var expected = written.Single(e => e.Subject == entry.Subject);
            Assert.Equal((expected.Action, expected.Outcome, expected.UserId, expected.PatientId, (string?)null, expected.Detail),
                (entry.Action, entry.Outcome, entry.UserId, entry.PatientId, entry.IpAddress, entry.Detail));
        }
        // The database itself finds each entry by its people and its time, as a search of the log does: the ids and the
        // time are stored in the form the queries compare with, not only read back.
        foreach (var expected in written.Where(e => e.PatientId is not null))
        {
            Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.PatientId == expected.PatientId && e.UserId == expected.UserId && e.Subject == expected.Subject)));
        }
        Assert.Equal(101, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Subject!.StartsWith(marker) && e.OccurredAt >= before && e.OccurredAt <= after)));
    }

    [Fact]
    public async Task TheDatabaseRefusesToEditOrDeleteSealedBlocks()
    {
        await app.Services.GetRequiredService<AuditWriter>().WriteAsync(new AuditEntry("test.row"));

        var update = await Record.ExceptionAsync(() => app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditBlocks\" SET \"Signature\" = 'forged'")));
        var delete = await Record.ExceptionAsync(() => app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditBlocks\"")));

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryStagedWithAChangeIsSealedWhenTheChangeSavesAndVanishesWithItsRollback()
    {
        var kept = Guid.NewGuid().ToString();
        var dropped = Guid.NewGuid().ToString();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<Auditor>().Stage("test.staged", subject: dropped);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Auditor>().Stage("test.staged", subject: kept);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        // Sealed by the time the save returned: no waiting, no polling.
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Subject == kept)));
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Subject == dropped)));
        Assert.False(await app.QueryAsync(db => db.AuditInbox.AnyAsync(e => e.Subject == dropped || e.Subject == kept)));
    }

    [Fact]
    public async Task AnAuditorGetsAnInclusionProofThatLeadsToTheSignedBlockHead()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var marker = Guid.NewGuid().ToString();
        await app.Services.GetRequiredService<AuditWriter>().WriteAsync(new AuditEntry("test.proved", Subject: marker));
        var sequence = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Subject == marker).Select(e => e.Sequence).SingleAsync());
        using var api = app.NewClient();
        await api.ApiTokenAsync(admin);

        var proof = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit/entries/{sequence}/proof");
        var missing = await api.Http.GetAsync("/api/v1/admin/audit/entries/999999999/proof");

        // What an auditor does by hand: hash the entry, climb the audit path, compare with the root, check the signature.
        var leaf = MerkleTree.HashLeaf(System.Text.Encoding.UTF8.GetBytes(proof.GetProperty("leafContent").GetString()!));
        Assert.Equal(Convert.ToHexStringLower(leaf), proof.GetProperty("leafHash").GetString());
        Assert.Contains(marker, proof.GetProperty("leafContent").GetString(), StringComparison.Ordinal);
        var path = proof.GetProperty("auditPath").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList();
        Assert.True(MerkleTree.VerifyInclusion(leaf, proof.GetProperty("leafIndex").GetInt64(), proof.GetProperty("treeSize").GetInt64(),
            path, Convert.FromHexString(proof.GetProperty("merkleRoot").GetString()!)));
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(proof.GetProperty("publicKey").GetString());
        Assert.True(key.VerifyData(Convert.FromHexString(proof.GetProperty("head").GetString()!),
            Convert.FromBase64String(proof.GetProperty("signature").GetString()!), System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnAdminFiltersTheAuditLogAndVerifiesIt()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using (var p = app.NewClient())
        {
            await p.SignInAsync(patient);
        }
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var filtered = await browser.GetAsync($"/admin/audit?Action={AuditAction.SignIn}&Email={Uri.EscapeDataString(patient.Email)}");
        var verified = await browser.PostFormAsync("/admin/audit", new Dictionary<string, string>(), "/admin/audit?handler=Verify");

        Assert.Contains(patient.Email, filtered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AuditAction.SignOut, filtered.Html.Split("<tbody>")[1], StringComparison.Ordinal);
        Assert.Contains("The log is intact", verified.Text, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == admin.Id && e.Action == AuditAction.ReadAuditLog)));
    }

    [Fact]
    public async Task VerifyingTheLogOnThePageRecordsWhoVerifiedItAndTheVerdict()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var verified = await browser.PostFormAsync("/admin/audit", new Dictionary<string, string>(), "/admin/audit?handler=Verify");

        Assert.Contains("The log is intact", verified.Text, StringComparison.Ordinal);
        var entry = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == admin.Id && e.Action == AuditAction.VerifiedAuditChain));
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        Assert.Matches("^[0-9]+ entries in [0-9]+ blocks intact$", entry.Detail);
    }

    [Fact]
    public async Task AnAdminVerifiesTheChainThroughTheApi()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var api = app.NewClient();
        await api.ApiTokenAsync(admin);

        var report = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify");

        Assert.True(report.GetProperty("intact").GetBoolean());
        Assert.True(report.GetProperty("rowsChecked").GetInt64() > 0);
        // The verdict is kept, as on the audit page: an auditor later sees who checked and what they found.
        var entry = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == admin.Id && e.Action == AuditAction.VerifiedAuditChain));
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        Assert.Matches("^[0-9]+ entries in [0-9]+ blocks intact$", entry.Detail);
    }

    [Fact]
    public async Task GrantingTheAdminRoleIsAudited()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.PostFormAsync("/admin/users", new Dictionary<string, string>(), $"/admin/users?handler=AdminRole&id={therapist.Id}&grant=true");

        Assert.Contains("is now an admin", page.Text, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.UserId == admin.Id && e.Action == AuditAction.RoleGranted && e.Subject == therapist.Id.ToString())));
    }
}

public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app);

public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app);
