using BenchmarkDotNet.Running;
using Rapport.Benchmarks;

// dotnet run -c Release --project benchmarks/Rapport.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(FoundationBenchmarks).Assembly).Run(args);
