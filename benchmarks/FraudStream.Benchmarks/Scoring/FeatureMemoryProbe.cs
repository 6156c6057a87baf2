using System.Diagnostics;
using FraudStream.Scoring.Features;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// Bytes of managed heap per tracked number in a feature table at 10k–10M numbers (GC heap after a full
/// collection, before and after tracking), with the fixed-size pair table reported apart.
/// Run: <c>dotnet run -c Release --project benchmarks/FraudStream.Benchmarks -- feature-memory</c>
/// </summary>
internal static class FeatureMemoryProbe
{
    public static void Run()
    {
        Console.WriteLine("| tracked numbers | heap bytes per number | pair table (fixed) | apply rate while filling |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var count in (int[])[10_000, 100_000, 1_000_000, 10_000_000])
        {
            var pairs = new PairRecency(22);
            var before = Heap();
            var extractor = new FeatureExtractor(Side.Outbound, new FeatureOptions(), pairs);
            var features = new FeatureVector();
            var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
                extractor.Apply(FeatureBenchmarks.Event(i, i * 7919L % count, start + (i / 1000)), ref features);
            var rate = count / clock.Elapsed.TotalSeconds;
            var perNumber = (double)(Heap() - before) / count;
            Console.WriteLine($"| {count:N0} | {perNumber:F1} | {pairs.Bytes / (1 << 20)} MiB | {rate / 1e6:F2} M/s |");
            GC.KeepAlive(extractor);
        }
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
