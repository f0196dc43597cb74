using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// A sealed group of consecutive audit entries: the Merkle root of their leaves (RFC 6962), chained to the previous
/// block's head, and the head signed with a key that is not in the database. Anyone with database access can rewrite
/// rows and recompute every hash, but not the signatures; rows cut from the end are caught by the checkpoints kept
/// outside the database.
/// </summary>
public sealed class AuditBlock
{
    private AuditBlock() { }

    public const string GenesisHead = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>1-based, no gaps; the primary key refuses a fork (two instances sealing the same number).</summary>
    public long Number { get; private set; }
    public long FirstSequence { get; private set; }
    public int Count { get; private set; }
    public DateTimeOffset SealedAt { get; private set; }
    public string MerkleRoot { get; private set; } = "";
    public string PreviousHead { get; private set; } = "";
    public string Head { get; private set; } = "";
    /// <summary>Which signing key sealed this block, so keys can rotate and old blocks still verify.</summary>
    public string KeyId { get; private set; } = "";
    public string Signature { get; private set; } = "";

    public long LastSequence => FirstSequence + Count - 1;

    internal static AuditBlock Seal(long number, long firstSequence, IReadOnlyList<byte[]> leafHashes, string previousHead,
        DateTimeOffset sealedAt, AuditKeyRing keys)
    {
        var block = new AuditBlock
        {
            Number = number,
            FirstSequence = firstSequence,
            Count = leafHashes.Count,
            SealedAt = AuditTime.Truncate(sealedAt),
            MerkleRoot = Convert.ToHexStringLower(MerkleTree.Root(leafHashes)),
            PreviousHead = previousHead,
        };
        block.Head = block.ComputeHead();
        (block.KeyId, block.Signature) = keys.Sign(Convert.FromHexString(block.Head));
        return block;
    }

    /// <summary>SHA-256 over everything the block asserts, including the head before it.</summary>
    public string ComputeHead() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        "rapport-audit-block/1",
        Number.ToString(CultureInfo.InvariantCulture),
        FirstSequence.ToString(CultureInfo.InvariantCulture),
        Count.ToString(CultureInfo.InvariantCulture),
        SealedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        MerkleRoot,
        PreviousHead))));
}
