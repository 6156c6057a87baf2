using System.Diagnostics;
using FraudStream.Simulator;

namespace FraudStream.Host.Bench;

/// <summary>Phase C: open-loop traffic at a fixed rate through the running pipeline; event→alert latency from intended send times.</summary>
internal static class LatencyPhase
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromSeconds(1);

    public static async Task<LatencyResult> RunAsync(
        BenchKafka kafka, PipelineUnderTest pipeline, TrafficSimulator simulator, int rate, int seconds, BenchProgress progress, CancellationToken cancellationToken)
    {
        var count = (long)rate * seconds;
        progress.Begin($"C. open-loop latency: {rate:N0} CDRs/s for {seconds} s, event→alert measured from each CDR's intended send time", count);
        var before = pipeline.Pipeline.CallerIngest.Records;
        var book = new LatencyBook(Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2, rate, Stopwatch.Frequency);
        using var reader = new AlertLatencyReader(kafka, book);
        var worstLagMs = await Task.Factory.StartNew(
            () => OpenLoopProducer.Run(kafka.Kafka, kafka.Ingest.Topic, simulator, book, count, n => progress.Report(n), cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);

        await pipeline.WaitCaughtUpAsync(before + count, null, static () => "phase C", cancellationToken).ConfigureAwait(false);
        // Alerts are readable once acknowledged; the reader gets the last ones within a fetch or two.
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(Math.Max(quietSince, reader.LastReadTimestamp)) < s_quiet)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);

        LatencyResult result;
        lock (reader.All)
            result = new LatencyResult(rate, seconds, count, worstLagMs, reader.Read, reader.Unmatched, reader.All.Summarize(), reader.CallerStage.Summarize(), reader.CalleeStage.Summarize());
        progress.Done($"{result.All.Samples:N0} alerts: p50 {result.All.P50Ms:F1} ms, p99 {result.All.P99Ms:F1} ms, p99.9 {result.All.P999Ms:F1} ms (producer at most {worstLagMs:F1} ms behind schedule)");
        return result;
    }
}

/// <summary>What phase C measured. Latencies run from each CDR's intended send time to its alert being read back.</summary>
internal sealed record LatencyResult(
    int Rate,
    int Seconds,
    long Sent,
    double ProducerWorstLagMs,
    long AlertsRead,
    long AlertsUnmatched,
    LatencySummary All,
    LatencySummary CallerStage,
    LatencySummary CalleeStage);
