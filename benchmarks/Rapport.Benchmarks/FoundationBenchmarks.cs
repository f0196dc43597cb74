using BenchmarkDotNet.Attributes;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Benchmarks;

/// <summary>
/// The per-request work the foundation adds: sealing one full audit block (256 leaf hashes, the Merkle root and an ECDSA
/// P-256 signature: the appender's CPU per block) and checking a password against the common list (every registration
/// and reset), plus the Merkle roots of 10,000 entries (the verifier's CPU for ten thousand entries).
/// </summary>
[MemoryDiagnoser]
public class FoundationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly AuditEntry _entry = new(AuditAction.SignIn, UserId: Guid.NewGuid(), IpAddress: "203.0.113.7", Detail: "password+totp");
    private readonly AuditKeyRing _keys = new(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), []);
    private List<AuditEvent> _entries = [];

    [GlobalSetup]
    public void Setup()
    {
        _entries = Enumerable.Range(1, 10_000).Select(i => AuditEvent.Seal(i, 1 + ((i - 1) / 256), _entry, Now.AddSeconds(i))).ToList();
        CommonPasswordValidator.IsCommon("warm-up");
    }

    [Benchmark]
    public AuditBlock SealOneFullBlock() =>
        AuditBlock.Seal(1, 1, _entries.Take(256).Select(e => e.LeafHash()).ToList(), AuditBlock.GenesisHead, Now, _keys);

    [Benchmark]
    public bool CheckAPasswordAgainstTheCommonList() => CommonPasswordValidator.Validate("quiet river morning tea", "robin@example.com", "Robin").Succeeded;

    [Benchmark]
    public int RootsOfTenThousandEntries() =>
        _entries.Chunk(256).Sum(block => MerkleTree.Root(block.Select(e => e.LeafHash()).ToList()).Length);
}
