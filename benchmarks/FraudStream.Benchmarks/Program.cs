using BenchmarkDotNet.Running;
using FraudStream.Benchmarks.Scoring;

// BenchmarkDotNet: dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- --filter '*Decode*'
// Memory probes:   dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- feature-memory
if (args is ["feature-memory", ..])
{
    FeatureMemoryProbe.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(FraudStream.Benchmarks.Ingest.DecodeBenchmarks).Assembly).Run(args);
