using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- --filter '*Decode*'
// dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- replica-memory 10000000 [--redis]
if (args.Length > 0 && args[0] == "replica-memory")
    return await FraudStream.Benchmarks.Scoring.ReplicaMemory.RunAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(FraudStream.Benchmarks.Ingest.DecodeBenchmarks).Assembly).Run(args);
return 0;
