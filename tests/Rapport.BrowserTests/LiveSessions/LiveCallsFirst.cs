using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Rapport.BrowserTests.LiveSessions.LiveCallsFirst))]

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// Starts the live calls' collection first, the others after it in xUnit's own (random) order. The live calls run one
/// after another and together take longer than any other class, so when they started late (xUnit's order is random)
/// the run ended on them alone while the other worker had nothing left to do (docs/performance.md, "Suite time").
/// </summary>
public sealed class LiveCallsFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections)
            .OrderBy(c => c.TestCollectionClassName == typeof(LiveCalls).FullName ? 0 : 1)];
}
