using System.Security.Cryptography;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// The Merkle tree hash of RFC 6962 section 2.1 (the hash Certificate Transparency logs use): leaves are hashed with a
/// 0x00 prefix and inner nodes with 0x01, so a leaf can never pass for a node; an inclusion proof is the audit path
/// of section 2.1.1, checked with the algorithm of RFC 9162 section 2.1.3.2.
/// </summary>
public static class MerkleTree
{
    public static byte[] HashLeaf(ReadOnlySpan<byte> content)
    {
        var buffer = new byte[content.Length + 1];
        content.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 32 + 32];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[33..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>MTH(D[n]) for the given leaf hashes; the empty tree hashes to SHA-256 of nothing.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0)
        {
            return SHA256.HashData([]);
        }
        // Bottom-up with an odd node carried up unpaired gives exactly RFC 6962's split at the largest power of two.
        var level = leafHashes.ToList();
        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? HashChildren(level[i], level[i + 1]) : level[i]);
            }
            level = next;
        }
        return level[0];
    }

    /// <summary>PATH(m, D[n]): the sibling hashes from leaf <paramref name="index"/> up to the root, nearest first.</summary>
    public static IReadOnlyList<byte[]> AuditPath(int index, IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        var path = new List<byte[]>();
        Collect(index, 0, leafHashes.Count, leafHashes, path);
        return path;
    }

    private static void Collect(int m, int start, int n, IReadOnlyList<byte[]> leaves, List<byte[]> path)
    {
        if (n == 1)
        {
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Collect(m, start, k, leaves, path);
            path.Add(Root(Slice(leaves, start + k, n - k)));
        }
        else
        {
            Collect(m - k, start + k, n - k, leaves, path);
            path.Add(Root(Slice(leaves, start, k)));
        }
    }

    /// <summary>RFC 9162 2.1.3.2: recomputes the root from one leaf and its audit path.</summary>
    public static bool VerifyInclusion(byte[] leafHash, long index, long treeSize, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index < 0 || index >= treeSize)
        {
            return false;
        }
        long fn = index, sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = HashChildren(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = HashChildren(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }
        return k;
    }

    private static List<byte[]> Slice(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        var slice = new List<byte[]>(count);
        for (var i = start; i < start + count; i++)
        {
            slice.Add(leaves[i]);
        }
        return slice;
    }
}
