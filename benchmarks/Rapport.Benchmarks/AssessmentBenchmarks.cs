using BenchmarkDotNet.Attributes;
using Rapport.Web.Features.Assessments;

namespace Rapport.Benchmarks;

/// <summary>
/// Scoring throughput (docs/performance.md, "Assessment scoring"): validating and scoring one submitted form (a complete PHQ-9, a PHQ-9 whose
/// item 9 starts the safety path, a WSAS with the work item not applicable) and labelling change from baseline.
/// Every submission and every chart point pays these.
/// </summary>
[MemoryDiagnoser]
public class AssessmentBenchmarks
{
    private static readonly int?[] Phq9Moderate = [2, 2, 1, 2, 2, 1, 1, 1, 0, 1];
    private static readonly int?[] Phq9WithRisk = [3, 3, 2, 3, 2, 2, 2, 1, 2, 2];
    private static readonly int?[] WsasNotWorking = [9, 5, 6, 4, 7];

    [Benchmark]
    public int? ScoreACompletePhq9() => InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, Phq9Moderate).Total;

    [Benchmark]
    public RiskLevel ScoreAPhq9WithARiskAnswer() => InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, Phq9WithRisk).Risk;

    [Benchmark]
    public int? ScoreAWsasWithoutWork() => InstrumentScoring.Score(InstrumentCatalog.WsasInstrument, WsasNotWorking).Total;

    // Fields, not constants, so the JIT cannot fold the comparison away.
    private int _baseline = 20;
    private int _latest = 9;

    [Benchmark]
    public MeasureChange CompareWithBaseline() => MeasureChange.Compare(InstrumentCatalog.Phq9Instrument, _baseline, _latest);
}
