using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- --filter '*Decode*'
BenchmarkSwitcher.FromAssembly(typeof(FraudStream.Benchmarks.Ingest.DecodeBenchmarks).Assembly).Run(args);
