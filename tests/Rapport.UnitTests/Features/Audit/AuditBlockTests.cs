using System.Security.Cryptography;
using Rapport.Web.Features.Audit;

namespace Rapport.UnitTests.Features.Audit;

public sealed class AuditBlockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static AuditKeyRing NewKeys() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), []);

    private static List<byte[]> Leaves(int count) => Enumerable.Range(0, count)
        .Select(i => AuditEvent.Seal(1 + i, 1, new AuditEntry(AuditAction.SignIn, UserId: Guid.NewGuid(), Detail: $"row {i}"), Start.AddSeconds(i)).LeafHash())
        .ToList();

    [Fact]
    public void ASealedBlocksSignatureVerifiesWithItsKey()
    {
        using var keys = NewKeys();
        var block = AuditBlock.Seal(1, 1, Leaves(5), AuditBlock.GenesisHead, Start, keys);

        Assert.Equal(block.Head, block.ComputeHead());
        Assert.Equal(keys.CurrentKeyId, block.KeyId);
        Assert.True(keys.Verify(block.KeyId, Convert.FromHexString(block.Head), block.Signature));
    }

    [Fact]
    public void AHeadSignedWithAnotherKeyDoesNotVerify()
    {
        using var keys = NewKeys();
        using var forger = NewKeys();
        var block = AuditBlock.Seal(1, 1, Leaves(3), AuditBlock.GenesisHead, Start, forger);

        Assert.False(keys.Verify(block.KeyId, Convert.FromHexString(block.Head), block.Signature));
        Assert.False(keys.Knows(block.KeyId));
    }

    [Fact]
    public void AfterRotationTheEarlierKeysBlocksStillVerify()
    {
        var old = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicOnly = ECDsa.Create();
        publicOnly.ImportFromPem(old.ExportSubjectPublicKeyInfoPem());
        using var before = new AuditKeyRing(old, []);
        var block = AuditBlock.Seal(1, 1, Leaves(3), AuditBlock.GenesisHead, Start, before);

        using var after = new AuditKeyRing(ECDsa.Create(ECCurve.NamedCurves.nistP256), [publicOnly]);

        Assert.NotEqual(block.KeyId, after.CurrentKeyId);
        Assert.True(after.Verify(block.KeyId, Convert.FromHexString(block.Head), block.Signature));
    }

    [Fact]
    public void MovingTextBetweenFieldsChangesTheLeaf()
    {
        var a = AuditEvent.Seal(1, 1, new AuditEntry("x", Subject: "ab", Detail: "c"), Start);
        var b = AuditEvent.Seal(1, 1, new AuditEntry("x", Subject: "a", Detail: "bc"), Start);

        Assert.NotEqual(a.LeafHash(), b.LeafHash());
    }

    [Fact]
    public void ACheckpointVerifiesOnlyAsSigned()
    {
        using var keys = NewKeys();
        var checkpoint = AuditCheckpoint.Sign(7, 1_000, new string('a', 64), Start, keys);

        Assert.True(checkpoint.IsSignedBy(keys));
        Assert.False((checkpoint with { Entries = 900 }).IsSignedBy(keys));
        Assert.False((checkpoint with { Block = 6 }).IsSignedBy(keys));
    }
}
