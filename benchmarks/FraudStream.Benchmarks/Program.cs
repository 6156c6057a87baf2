using BenchmarkDotNet.Running;
using FraudStream.Benchmarks.Scoring;

// BenchmarkDotNet: dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- --filter '*Decode*'
// Memory probes:   dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- feature-memory
//                  dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- replica-memory 10000000 [--redis]
if (args is ["feature-memory", ..])
{
    FeatureMemoryProbe.Run();
    return 0;
}

if (args is ["replica-memory", ..])
    return await ReplicaMemory.RunAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(FraudStream.Benchmarks.Ingest.DecodeBenchmarks).Assembly).Run(args);
return 0;
