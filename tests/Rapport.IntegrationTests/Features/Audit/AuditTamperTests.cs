using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Audit;

/// <summary>
/// Someone with full database access (triggers dropped, any SQL) tries to rewrite the audit log. Each attack is undone
/// afterwards, so the tests of one class share an app of their own without seeing each other's damage.
/// </summary>
public abstract class AuditTamperTests(RapportApp app, string nextAuditSigningKey)
{
    private AuditVerifier Verifier => app.Services.GetRequiredService<AuditVerifier>();

    private async Task<List<AuditEvent>> WriteAsync(string action, int count)
    {
        var writer = app.Services.GetRequiredService<AuditWriter>();
        var marker = Guid.NewGuid().ToString();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => writer.WriteAsync(new AuditEntry(action, Subject: marker, Detail: $"entry {i}"))));
        return await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Subject == marker).OrderBy(e => e.Sequence).ToListAsync());
    }

    /// <summary>What an attacker with the database's owner rights does: switch the append-only triggers off, run SQL, switch them on.</summary>
    private Task AsAttackerAsync(string sql) => app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(app.Provider == DataSetup.Postgres
        ? $"""
           ALTER TABLE "AuditEvents" DISABLE TRIGGER USER; ALTER TABLE "AuditBlocks" DISABLE TRIGGER USER;
           {sql};
           ALTER TABLE "AuditEvents" ENABLE TRIGGER USER; ALTER TABLE "AuditBlocks" ENABLE TRIGGER USER;
           """
        : $"""
           DROP TRIGGER AuditEvents_NoUpdate; DROP TRIGGER AuditEvents_NoDelete; DROP TRIGGER AuditBlocks_NoUpdate; DROP TRIGGER AuditBlocks_NoDelete;
           {sql};
           CREATE TRIGGER AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
           CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
           CREATE TRIGGER AuditBlocks_NoUpdate BEFORE UPDATE ON AuditBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
           CREATE TRIGGER AuditBlocks_NoDelete BEFORE DELETE ON AuditBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
           """));

    private Task PutBackAsync(IEnumerable<AuditEvent> entries, IEnumerable<AuditBlock>? blocks = null) => app.QueryAsync(async db =>
    {
        db.AuditEvents.AddRange(entries);
        db.AuditBlocks.AddRange(blocks ?? []);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task ASignedCheckpointIsWrittenOutsideTheDatabaseAndEmailedToCompliance()
    {
        await WriteAsync("tamper.checkpoint", 3);

        var checkpoint = await app.Services.GetRequiredService<AuditCheckpoints>().WriteAsync(CancellationToken.None);
        Assert.NotNull(checkpoint);
        var mail = await app.Mail.WaitForAsync(AuditTamperSetup.ComplianceAddress, m => m.Subject == $"Rapport audit checkpoint {checkpoint.Block}");
        var file = Path.Combine(app.CheckpointDirectory, $"checkpoint-{checkpoint.Block:D12}.json");
        var written = System.Text.Json.JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(file), System.Text.Json.JsonSerializerOptions.Web);
        var last = await app.QueryAsync(db => db.AuditBlocks.AsNoTracking().OrderByDescending(b => b.Number).FirstAsync());

        Assert.Equal(checkpoint, written);
        Assert.Equal(last.Head, written!.Head);
        Assert.Equal(last.LastSequence, written.Entries);
        Assert.True(written.IsSignedBy(app.Services.GetRequiredService<AuditKeyRing>()));
        Assert.Contains(checkpoint.Head, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryEditedInTheDatabaseIsReportedWithTheBlockThatSealedIt()
    {
        var entries = await WriteAsync("tamper.edit", 20);
        var target = entries[7];

        await AsAttackerAsync($"""UPDATE "AuditEvents" SET "Detail" = 'nothing to see here' WHERE "Sequence" = {target.Sequence}""");
        var report = await Verifier.VerifyAsync();
        await AsAttackerAsync($"""UPDATE "AuditEvents" SET "Detail" = '{target.Detail}' WHERE "Sequence" = {target.Sequence}""");

        Assert.False(report.Intact);
        Assert.Equal("edited", report.Problem);
        Assert.Equal(target.Block, report.FirstBrokenBlock);
        Assert.Contains("changed after it was sealed", report.Reason, StringComparison.Ordinal);
        Assert.True((await Verifier.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task ADeletedEntryIsReportedByItsNumber()
    {
        var entries = await WriteAsync("tamper.delete", 10);
        var target = entries[3];

        await AsAttackerAsync($"""DELETE FROM "AuditEvents" WHERE "Sequence" = {target.Sequence}""");
        var report = await Verifier.VerifyAsync();
        await PutBackAsync([target]);

        Assert.False(report.Intact);
        Assert.Equal("missing", report.Problem);
        Assert.Equal(target.Sequence, report.FirstBrokenSequence);
        Assert.True((await Verifier.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task EntriesCutFromTheEndAfterACheckpointAreReportedAsTruncated()
    {
        await WriteAsync("tamper.truncate", 5);
        var checkpoint = await app.Services.GetRequiredService<AuditCheckpoints>().WriteAsync(CancellationToken.None);
        Assert.NotNull(checkpoint);
        var lastBlock = await app.QueryAsync(db => db.AuditBlocks.AsNoTracking().OrderByDescending(b => b.Number).FirstAsync());
        var cut = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Block == lastBlock.Number).ToListAsync());

        // A clean cut: the whole last block and its entries, so the chain that is left is internally perfect.
        await AsAttackerAsync($"""DELETE FROM "AuditEvents" WHERE "Block" = {lastBlock.Number}; DELETE FROM "AuditBlocks" WHERE "Number" = {lastBlock.Number}""");
        var report = await Verifier.VerifyAsync();
        await PutBackAsync(cut, [lastBlock]);

        Assert.False(report.Intact);
        Assert.Equal("truncated", report.Problem);
        Assert.Equal(checkpoint.Block, report.FirstBrokenBlock);
        Assert.Contains("cut from the end", report.Reason, StringComparison.Ordinal);
        Assert.True((await Verifier.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AChainRecomputedWithoutTheSigningKeyIsReported()
    {
        var entries = await WriteAsync("tamper.recompute", 6);
        var lastEntry = entries[^1];
        var block = await app.QueryAsync(db => db.AuditBlocks.AsNoTracking().SingleAsync(b => b.Number == lastEntry.Block));
        var members = await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Block == block.Number).OrderBy(e => e.Sequence).ToListAsync());
        var target = members.Single(e => e.Sequence == lastEntry.Sequence);

        // Edit an entry, then recompute its block's Merkle root and head exactly as the app does, signing with a key of
        // one's own but keeping the real key's id: every hash is consistent again, only the signature cannot be.
        var edited = AuditEvent.Seal(target.Sequence, target.Block, new AuditEntry(target.Action, target.Outcome, target.UserId,
            target.PatientId, target.Subject, target.IpAddress, "nothing to see here"), target.OccurredAt);
        using var forger = new AuditKeyRing(ECDsa.Create(ECCurve.NamedCurves.nistP256), []);
        var forged = AuditBlock.Seal(block.Number, block.FirstSequence,
            members.Select(e => e.Sequence == target.Sequence ? edited.LeafHash() : e.LeafHash()).ToList(), block.PreviousHead, block.SealedAt, forger);
        await AsAttackerAsync($"""
            UPDATE "AuditEvents" SET "Detail" = 'nothing to see here' WHERE "Sequence" = {target.Sequence};
            UPDATE "AuditBlocks" SET "MerkleRoot" = '{forged.MerkleRoot}', "Head" = '{forged.Head}', "Signature" = '{forged.Signature}' WHERE "Number" = {block.Number}
            """);
        var report = await Verifier.VerifyAsync();
        await AsAttackerAsync($"""
            UPDATE "AuditEvents" SET "Detail" = '{target.Detail}' WHERE "Sequence" = {target.Sequence};
            UPDATE "AuditBlocks" SET "MerkleRoot" = '{block.MerkleRoot}', "Head" = '{block.Head}', "Signature" = '{block.Signature}' WHERE "Number" = {block.Number}
            """);

        Assert.NotEqual(block.MerkleRoot, forged.MerkleRoot);
        Assert.False(report.Intact);
        Assert.Equal("unsigned", report.Problem);
        Assert.Equal(block.Number, report.FirstBrokenBlock);
        Assert.True((await Verifier.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AfterTheSigningKeyRotatesTheBlocksSealedWithTheOldKeyStillVerify()
    {
        await WriteAsync("tamper.before-rotation", 3);
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var checkpoints = app.Services.GetRequiredService<AuditCheckpoints>();
        // The deployment now signs with the next key and keeps only the public half of the old one.
        using var rotated = new AuditKeyRing(PrivateKey(nextAuditSigningKey), [PublicHalf(app.AuditSigningKey)]);
        await using (var writer = new AuditWriter(scopes, TimeProvider.System, rotated, Options.Create(new AuditOptions()), NullLogger<AuditWriter>.Instance))
        {
            await writer.WriteAsync(new AuditEntry("tamper.after-rotation"));
        }
        using var forgetful = new AuditKeyRing(PrivateKey(nextAuditSigningKey), []);

        var report = await new AuditVerifier(scopes, rotated, checkpoints).VerifyAsync();
        var withoutOldKey = await new AuditVerifier(scopes, forgetful, checkpoints).VerifyAsync();
        var keysUsed = await app.QueryAsync(db => db.AuditBlocks.Select(b => b.KeyId).Distinct().CountAsync());

        Assert.True(report.Intact, report.Reason);
        Assert.Equal(2, keysUsed);
        Assert.Equal("unknown-key", withoutOldKey.Problem);
    }

    [Fact]
    public async Task TwoInstancesAppendingAtOnceKeepOneChainWithoutForks()
    {
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var keys = app.Services.GetRequiredService<AuditKeyRing>();
        var before = await app.QueryAsync(db => db.AuditEvents.CountAsync());
        // A second instance of the deployment: its own appender (own queue, own loop) on the same database and key.
        await using var other = new AuditWriter(scopes, TimeProvider.System, keys, Options.Create(new AuditOptions()), NullLogger<AuditWriter>.Instance);
        var mine = app.Services.GetRequiredService<AuditWriter>();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? mine : other).WriteAsync(new AuditEntry("tamper.two-instances", Detail: $"caller {i}"))));
        var report = await Verifier.VerifyAsync();
        var after = await app.QueryAsync(db => db.AuditEvents.CountAsync());
        var last = await app.QueryAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));

        Assert.True(report.Intact, report.Reason);
        Assert.Equal(before + 200, after);
        // Numbered without gaps or doubles: both appenders took turns at the head of one chain.
        Assert.Equal(after, last);
    }

    private static ECDsa PrivateKey(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    private static ECDsa PublicHalf(string privatePem)
    {
        using var full = PrivateKey(privatePem);
        var key = ECDsa.Create();
        key.ImportFromPem(full.ExportSubjectPublicKeyInfoPem());
        return key;
    }
}

/// <summary>An app of its own whose configuration already lists the next signing key's public half, as a planned rotation would.</summary>
internal static class AuditTamperSetup
{
    public const string ComplianceAddress = "compliance@rapport.test";

    public static void Configure(IWebHostBuilder builder, string nextAuditSigningKey)
    {
        builder.UseSetting("Audit:CheckpointEmail", ComplianceAddress);
        // Checkpoints here are written by the tests themselves, at the moments they choose.
        builder.UseSetting("Audit:CheckpointEvery", "01:00:00");
        using var next = ECDsa.Create();
        next.ImportFromPem(nextAuditSigningKey);
        builder.UseSetting("Audit:VerificationKeys:0", next.ExportSubjectPublicKeyInfoPem());
    }
}

/// <inheritdoc cref="AuditTamperSetup"/>
public sealed class AuditTamperSqliteApp : SqliteApp
{
    public string NextAuditSigningKey { get; } = NewAuditKey();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AuditTamperSetup.Configure(builder, NextAuditSigningKey);
    }
}

/// <inheritdoc cref="AuditTamperSetup"/>
public sealed class AuditTamperPostgresApp : PostgresApp
{
    public string NextAuditSigningKey { get; } = NewAuditKey();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AuditTamperSetup.Configure(builder, NextAuditSigningKey);
    }
}

public sealed class AuditTamperTestsOnSqlite(AuditTamperSqliteApp app) : AuditTamperTests(app, app.NextAuditSigningKey), IClassFixture<AuditTamperSqliteApp>;

public sealed class AuditTamperTestsOnPostgres(AuditTamperPostgresApp app) : AuditTamperTests(app, app.NextAuditSigningKey), IClassFixture<AuditTamperPostgresApp>;
