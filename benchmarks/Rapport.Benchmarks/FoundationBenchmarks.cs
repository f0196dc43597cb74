using BenchmarkDotNet.Attributes;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Benchmarks;

/// <summary>
/// The per-request work the foundation adds: hashing one audit row (every audited request) and
/// checking a password against the common list (every registration and reset), plus verifying
/// a 10,000-row chain (the admin's integrity check).
/// </summary>
[MemoryDiagnoser]
public class FoundationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly AuditEntry _entry = new(AuditAction.SignIn, UserId: Guid.NewGuid(), IpAddress: "203.0.113.7", Detail: "password+totp");
    private List<AuditEvent> _chain = [];

    [GlobalSetup]
    public void Setup()
    {
        var previous = AuditEvent.GenesisHash;
        _chain = new List<AuditEvent>(10_000);
        for (var i = 1; i <= 10_000; i++)
        {
            var row = AuditEvent.Chain(i, previous, _entry, Now.AddSeconds(i));
            _chain.Add(row);
            previous = row.Hash;
        }
        CommonPasswordValidator.IsCommon("warm-up");
    }

    [Benchmark]
    public AuditEvent ChainOneAuditRow() => AuditEvent.Chain(42, AuditEvent.GenesisHash, _entry, Now);

    [Benchmark]
    public bool CheckAPasswordAgainstTheCommonList() => CommonPasswordValidator.Validate("quiet river morning tea", "robin@example.com", "Robin").Succeeded;

    [Benchmark]
    public ChainBreak? VerifyTenThousandAuditRows() => AuditEvent.FindFirstBreak(_chain);
}
