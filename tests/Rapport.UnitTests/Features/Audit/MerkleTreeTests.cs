using System.Security.Cryptography;
using System.Text;
using Rapport.Web.Features.Audit;

namespace Rapport.UnitTests.Features.Audit;

public sealed class MerkleTreeTests
{
    private static List<byte[]> Leaves(int n) => Enumerable.Range(0, n).Select(i => MerkleTree.HashLeaf(Encoding.UTF8.GetBytes($"entry {i}"))).ToList();

    /// <summary>RFC 6962 2.1 written out as the RFC states it, recursively, to check the bottom-up implementation.</summary>
    private static byte[] ReferenceRoot(List<byte[]> leaves)
    {
        if (leaves.Count == 1)
        {
            return leaves[0];
        }
        var k = 1;
        while (k * 2 < leaves.Count)
        {
            k *= 2;
        }
        return SHA256.HashData([1, .. ReferenceRoot(leaves[..k]), .. ReferenceRoot(leaves[k..])]);
    }

    [Fact]
    public void TheEmptyTreeHashesToTheHashOfNothing() =>
        Assert.Equal(SHA256.HashData([]), MerkleTree.Root([]));

    [Fact]
    public void ALeafIsHashedWithAZeroBytePrefixSoItCannotPassForANode() =>
        Assert.Equal(SHA256.HashData([0, .. "abc"u8.ToArray()]), MerkleTree.HashLeaf("abc"u8));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(255)]
    [InlineData(256)]
    public void TheRootIsTheTreeHashOfRfc6962(int n)
    {
        var leaves = Leaves(n);

        Assert.Equal(ReferenceRoot(leaves), MerkleTree.Root(leaves));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(7, 0)]
    [InlineData(7, 3)]
    [InlineData(7, 6)]
    [InlineData(256, 200)]
    [InlineData(100, 99)]
    public void EveryEntrysAuditPathLeadsToTheRoot(int n, int index)
    {
        var leaves = Leaves(n);
        var root = MerkleTree.Root(leaves);

        var path = MerkleTree.AuditPath(index, leaves);

        Assert.True(MerkleTree.VerifyInclusion(leaves[index], index, n, path, root));
    }

    [Fact]
    public void AnAuditPathDoesNotProveAnotherEntry()
    {
        var leaves = Leaves(9);
        var root = MerkleTree.Root(leaves);
        var path = MerkleTree.AuditPath(4, leaves);

        Assert.False(MerkleTree.VerifyInclusion(leaves[5], 4, 9, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[4], 5, 9, path, root));
        // A path the length of another tree's: the climb does not end at the root.
        Assert.False(MerkleTree.VerifyInclusion(leaves[4], 4, 17, path, root));
    }

    [Fact]
    public void ChangingOneEntryChangesTheRoot()
    {
        var leaves = Leaves(64);
        var before = MerkleTree.Root(leaves);
        leaves[17] = MerkleTree.HashLeaf("entry 17, edited"u8);

        Assert.NotEqual(before, MerkleTree.Root(leaves));
    }
}
