using System.Diagnostics;
using FraudStream.Host.Service;
using FraudStream.Simulator;
using Microsoft.Extensions.Logging;

namespace FraudStream.Host.Bench;

/// <summary>
/// Phase C: open-loop traffic at a fixed rate through a pipeline; event→alert latency from intended send times.
/// Each rate gets new topics of <see cref="Partitions"/> partitions and a pipeline of its own, warmed up at the
/// same rate before the measured window. Why new topics: the embedded broker finds a fetch's batch by walking the
/// partition's batches from the oldest, so on phase B's topics (millions of records in small batches) every
/// fetch of a caught-up consumer costs its single thread more than the traffic does, and that, not FraudStream,
/// would be measured (p50 ≈ 340-400 ms at a tenth of the maximum rate, measured). On a real cluster it changes nothing.
/// Even new topics grow during the window: each fetch returns one batch per partition and walks the partition's
/// batches to find it, so the mock's work grows with the square of the batches written. The first and last thirds
/// of the window are reported apart to show it.
/// </summary>
internal static class LatencyPhase
{
    public const int Partitions = 6;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_joinTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_quiet = TimeSpan.FromSeconds(1);

    public static async Task<LatencyResult> RunAsync(
        BenchKafka cluster, ScoringRuntime runtime, ILoggerFactory loggers, TrafficSimulator simulator, int rate, int seconds, BenchProgress progress, CancellationToken cancellationToken)
    {
        progress.Begin($"C. open-loop latency at {rate:N0} CDRs/s: new topics ({Partitions} partitions) and pipeline, warm-up, then {seconds} s measured from each CDR's intended send time", (long)rate * seconds);
        using var kafka = await cluster.FreshTopicsAsync($"latency-{rate}", Partitions).ConfigureAwait(false);
        await using var pipeline = new PipelineUnderTest(kafka, runtime, loggers);
        var book = new LatencyBook(Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 5), rate, Stopwatch.Frequency);
        using var reader = new AlertLatencyReader(kafka, book);
        var stopAt = long.MaxValue;
        var producing = Task.Factory.StartNew(
            () => OpenLoopProducer.Run(kafka.Kafka, kafka.Ingest.Topic, simulator, book, () => Interlocked.Read(ref stopAt), n => progress.Report(n), cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Warm-up: both stages have joined their groups and finished records; then a little more at the same rate.
        var joining = Stopwatch.StartNew();
        var statistics = pipeline.Pipeline;
        while (statistics.CallerIngest.Records == 0 || statistics.CalleeIngest.Records == 0)
        {
            if (producing.IsCompleted)
                await producing.ConfigureAwait(false);
            if (joining.Elapsed > s_joinTimeout)
                throw new BenchFailedException($"phase C: the pipeline did not finish a record within {s_joinTimeout.TotalSeconds:F0} s of traffic");
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(s_warmUp, cancellationToken).ConfigureAwait(false);
        var measureFrom = Stopwatch.GetTimestamp();
        book.MeasureUntil = measureFrom + (seconds * Stopwatch.Frequency);
        book.MeasureFrom = measureFrom;
        Interlocked.Exchange(ref stopAt, book.MeasureUntil);
        var sent = await producing.ConfigureAwait(false);

        await pipeline.WaitCaughtUpAsync(sent.Sent, null, static () => "phase C", cancellationToken).ConfigureAwait(false);
        // Alerts are readable once acknowledged; the reader gets the last ones within a fetch or two.
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(Math.Max(quietSince, reader.LastReadTimestamp)) < s_quiet)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);

        LatencyResult result;
        lock (reader.All)
        {
            result = new LatencyResult(rate, seconds, sent.Measured, sent.WorstLagMs, reader.Read, reader.WarmUp, reader.Unmatched,
                reader.All.Summarize(), reader.CallerStage.Summarize(), reader.CalleeStage.Summarize(), reader.FirstThird.Summarize(), reader.LastThird.Summarize());
        }

        progress.Done($"{result.All.Samples:N0} alerts: p50 {result.All.P50Ms:F1} ms, p99 {result.All.P99Ms:F1} ms, p99.9 {result.All.P999Ms:F1} ms (sender at most {result.ProducerWorstLagMs:F1} ms behind schedule)");
        return result;
    }
}

/// <summary>What phase C measured at one rate. Latencies run from each CDR's intended send time to its alert being read back.</summary>
internal sealed record LatencyResult(
    int Rate,
    int Seconds,
    long Sent,
    double ProducerWorstLagMs,
    long AlertsRead,
    long AlertsOfWarmUp,
    long AlertsUnmatched,
    LatencySummary All,
    LatencySummary CallerStage,
    LatencySummary CalleeStage,
    LatencySummary FirstThird,
    LatencySummary LastThird);
