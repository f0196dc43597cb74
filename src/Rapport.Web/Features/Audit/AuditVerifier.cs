using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Audit;

/// <summary>What a verification found. <see cref="Problem"/> names the kind of damage: <c>missing</c> (an entry or block
/// deleted), <c>edited</c> (an entry or block changed after sealing), <c>relinked</c> (a block no longer follows the one
/// before), <c>inserted</c> (an entry in no block), <c>unsigned</c> (a signature that does not verify: the chain was
/// recomputed without the key), <c>unknown-key</c>, <c>truncated</c> (shorter than, or different from, the latest
/// checkpoint) or <c>checkpoint-unsigned</c>.</summary>
public sealed record AuditChainReport(long RowsChecked, long BlocksChecked, bool Intact, string? Problem, long? FirstBrokenBlock,
    long? FirstBrokenSequence, string? Reason, AuditCheckpointReport? Checkpoint);

public sealed record AuditCheckpointReport(long Block, long Entries, DateTimeOffset At, string KeyId, bool Matches);

/// <summary>An RFC 6962 inclusion proof of one entry in its block, with the signed block header it leads to.</summary>
public sealed record AuditInclusionProof(
    long Sequence, long Block, long LeafIndex, long TreeSize, string LeafContent, string LeafHash, IReadOnlyList<string> AuditPath,
    string MerkleRoot, long FirstSequence, DateTimeOffset SealedAt, string PreviousHead, string Head, string KeyId, string Signature,
    string? PublicKey);

public sealed class AuditVerifier(IServiceScopeFactory scopes, AuditKeyRing keys, AuditCheckpoints checkpoints)
{
    /// <summary>Walks every block and entry in order (streamed, so a long log is never loaded whole), then the latest checkpoint.</summary>
    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct = default)
    {
        // The checkpoint first, then the newest sealed block: the log keeps growing while it is verified, and the walk
        // covers what was sealed when it began. Blocks and entries are read as two streams (two queries, so two snapshots
        // on PostgreSQL); bounding both by that block makes them describe the same log, whatever is sealed meanwhile.
        var checkpoint = checkpoints.Latest();
        await using var boundScope = scopes.CreateAsyncScope();
        var db = boundScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bound = await db.AuditBlocks.AsNoTracking().OrderByDescending(b => b.Number)
            .Select(b => new { b.Number, Last = b.FirstSequence + b.Count - 1 }).FirstOrDefaultAsync(ct);
        long lastBlock = bound?.Number ?? 0, lastSequence = bound?.Last ?? 0;
        // Two more contexts: blocks and entries are read side by side, each as one ordered stream.
        await using var blockScope = scopes.CreateAsyncScope();
        await using var entryScope = scopes.CreateAsyncScope();
        var blocks = blockScope.ServiceProvider.GetRequiredService<AppDbContext>().AuditBlocks.AsNoTracking()
            .Where(b => b.Number <= lastBlock).OrderBy(b => b.Number).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var entries = entryScope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Sequence <= lastSequence).OrderBy(e => e.Sequence).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        await using var _ = blocks;
        await using var __ = entries;

        long rows = 0, blockCount = 0, expectedBlock = 1, expectedSequence = 1;
        var previousHead = AuditBlock.GenesisHead;
        string? headAtCheckpoint = null;
        var entry = await entries.MoveNextAsync() ? entries.Current : null;
        var leaves = new List<byte[]>(256);

        AuditChainReport Broken(string problem, long? block, long? sequence, string reason) =>
            new(rows, blockCount, false, problem, block, sequence, reason, CheckpointReport(checkpoint, false));

        while (await blocks.MoveNextAsync())
        {
            var b = blocks.Current;
            if (b.Number != expectedBlock)
            {
                return Broken("missing", expectedBlock, expectedSequence, $"Block {expectedBlock} is missing (block {b.Number} comes next).");
            }
            if (b.PreviousHead != previousHead)
            {
                return Broken("relinked", b.Number, b.FirstSequence, $"Block {b.Number} does not follow the block before it.");
            }
            if (b.FirstSequence != expectedSequence)
            {
                return Broken("missing", b.Number, expectedSequence, $"Entries {expectedSequence} to {b.FirstSequence - 1} are missing before block {b.Number}.");
            }
            leaves.Clear();
            for (var sequence = b.FirstSequence; sequence <= b.LastSequence; sequence++)
            {
                if (entry is null || entry.Sequence > sequence)
                {
                    return Broken("missing", b.Number, sequence, $"Entry {sequence} of block {b.Number} is missing: it was deleted.");
                }
                if (entry.Block != b.Number)
                {
                    return Broken("edited", b.Number, sequence, $"Entry {sequence} was moved out of block {b.Number}.");
                }
                leaves.Add(entry.LeafHash());
                rows++;
                entry = await entries.MoveNextAsync() ? entries.Current : null;
            }
            if (Convert.ToHexStringLower(MerkleTree.Root(leaves)) != b.MerkleRoot)
            {
                return Broken("edited", b.Number, b.FirstSequence,
                    $"An entry of block {b.Number} (entries {b.FirstSequence} to {b.LastSequence}) was changed after it was sealed.");
            }
            if (b.ComputeHead() != b.Head)
            {
                return Broken("edited", b.Number, b.FirstSequence, $"Block {b.Number}'s header was changed after it was sealed.");
            }
            if (!keys.Knows(b.KeyId))
            {
                return Broken("unknown-key", b.Number, b.FirstSequence,
                    $"Block {b.Number} names signing key {b.KeyId}, which is not among the configured keys (Audit:VerificationKeys).");
            }
            if (!keys.Verify(b.KeyId, Convert.FromHexString(b.Head), b.Signature))
            {
                return Broken("unsigned", b.Number, b.FirstSequence,
                    $"Block {b.Number}'s signature does not verify: the chain from here was recomputed without the signing key.");
            }
            if (checkpoint is not null && b.Number == checkpoint.Block)
            {
                headAtCheckpoint = b.Head;
            }
            previousHead = b.Head;
            expectedSequence = b.LastSequence + 1;
            expectedBlock++;
            blockCount++;
        }
        // Past the walk's end, an entry sealed meanwhile lies within its block, which was committed with it; one that lies
        // in no block's range was added behind the log's back.
        var stray = entry?.Sequence ?? await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence > lastSequence && !db.AuditBlocks.Any(b => b.Number == e.Block && e.Sequence >= b.FirstSequence && e.Sequence < b.FirstSequence + b.Count))
            .OrderBy(e => e.Sequence).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(ct);
        if (stray is { } inserted)
        {
            return Broken("inserted", null, inserted, $"Entry {inserted} is in no sealed block: it was added behind the log's back.");
        }
        if (checkpoint is not null)
        {
            if (!checkpoint.IsSignedBy(keys))
            {
                return Broken("checkpoint-unsigned", checkpoint.Block, null, $"The checkpoint of {checkpoint.At:u} does not carry a valid signature.");
            }
            if (headAtCheckpoint is null)
            {
                return Broken("truncated", checkpoint.Block, checkpoint.Entries,
                    $"The log ends at entry {expectedSequence - 1} (block {expectedBlock - 1}), but the checkpoint of {checkpoint.At:u} " +
                    $"records block {checkpoint.Block} with {checkpoint.Entries} entries: entries were cut from the end.");
            }
            if (headAtCheckpoint != checkpoint.Head)
            {
                return Broken("truncated", checkpoint.Block, null,
                    $"Block {checkpoint.Block} differs from the checkpoint of {checkpoint.At:u}: the log was rewritten from there.");
            }
        }
        return new AuditChainReport(rows, blockCount, true, null, null, null, null, CheckpointReport(checkpoint, true));
    }

    private static AuditCheckpointReport? CheckpointReport(AuditCheckpoint? checkpoint, bool matches) =>
        checkpoint is null ? null : new AuditCheckpointReport(checkpoint.Block, checkpoint.Entries, checkpoint.At, checkpoint.KeyId, matches);

    /// <summary>The inclusion proof of entry <paramref name="sequence"/>, or null when there is no such sealed entry.</summary>
    public async Task<AuditInclusionProof?> ProveAsync(long sequence, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var blockNumber = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == sequence).Select(e => (long?)e.Block).FirstOrDefaultAsync(ct);
        var block = blockNumber is null ? null : await db.AuditBlocks.AsNoTracking().FirstOrDefaultAsync(b => b.Number == blockNumber, ct);
        if (block is null)
        {
            return null;
        }
        var members = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence >= block.FirstSequence && e.Sequence < block.FirstSequence + block.Count)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var leaves = members.Select(e => e.LeafHash()).ToList();
        var index = members.FindIndex(e => e.Sequence == sequence);
        return new AuditInclusionProof(sequence, block.Number, index, leaves.Count,
            System.Text.Encoding.UTF8.GetString(members[index].LeafContent()), Convert.ToHexStringLower(leaves[index]),
            MerkleTree.AuditPath(index, leaves).Select(Convert.ToHexStringLower).ToList(),
            block.MerkleRoot, block.FirstSequence, block.SealedAt, block.PreviousHead, block.Head, block.KeyId, block.Signature,
            keys.PublicKeyPem(block.KeyId));
    }
}

/// <summary>
/// An admin's "Verify the log", on the audit page or through the API: verifies the whole log and records that they did,
/// with the verdict, as <c>audit.verify</c> (success when intact, failure with the first problem), so the page and the
/// endpoint only show the report. Scoped with the request's auditor; the verifier itself is shared by every request.
/// </summary>
public sealed class AuditChainCheck(AuditVerifier verifier, Auditor audit)
{
    public async Task<AuditChainReport> VerifyAndRecordAsync(CancellationToken ct = default)
    {
        var report = await verifier.VerifyAsync(ct);
        await audit.RecordAsync(AuditAction.VerifiedAuditChain, report.Intact ? AuditOutcome.Success : AuditOutcome.Failure,
            detail: report.Intact ? $"{report.RowsChecked} entries in {report.BlocksChecked} blocks intact" : report.Reason, ct: ct);
        return report;
    }
}
