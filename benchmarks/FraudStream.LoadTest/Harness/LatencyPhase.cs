using System.Diagnostics;
using FraudStream.Alerts.Pipeline;
using FraudStream.Simulator;
using Microsoft.Extensions.Logging;

namespace FraudStream.LoadTest.Harness;

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
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_catchUpTimeout = TimeSpan.FromSeconds(40);
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

        // Warm-up: both stages joined their groups and worked off what arrived while they joined (the caller stage is
        // within 0.2 s of the schedule, the callee stage within 0.2 s of the caller stage), an alert came back (alerts
        // are rare; the first also fetches the alert topic's metadata); then a little more at the same rate. A rate
        // the pipeline cannot keep up with never catches up: it is measured anyway after a while, and says so.
        var joining = Stopwatch.StartNew();
        var caller = pipeline.Pipeline.CallerIngest;
        var callee = pipeline.Pipeline.CalleeIngest;
        var slack = Math.Max(1, rate / 5);
        var caughtUp = false;
        while (!caughtUp && joining.Elapsed < s_catchUpTimeout)
        {
            if (producing.IsCompleted)
                await producing.ConfigureAwait(false);
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            var due = book.DueBy(Stopwatch.GetTimestamp());
            caughtUp = reader.Read > 0 && caller.Records > 0 && callee.Records > 0 && caller.Records + slack >= due && callee.Records + slack >= pipeline.Pipeline.CalleeRecordsDue;
        }

        if (reader.Read == 0)
            throw new BenchFailedException($"phase C: no alert came back within {s_catchUpTimeout.TotalSeconds:F0} s of traffic (caller stage {caller.Records:N0} records, callee stage {callee.Records:N0})");
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
            result = new LatencyResult(rate, seconds, caughtUp, sent.Measured, sent.WorstLagMs, reader.Read, reader.WarmUp, reader.Unmatched,
                reader.All.Summarize(), reader.CallerStage.Summarize(), reader.CalleeStage.Summarize(), reader.FirstThird.Summarize(), reader.LastThird.Summarize(),
                reader.UntilWritten.Summarize(), reader.WrittenToRead.Summarize());
        }

        progress.Done($"{result.All.Samples:N0} alerts: p50 {result.All.P50Ms:F1} ms, p99 {result.All.P99Ms:F1} ms, p99.9 {result.All.P999Ms:F1} ms (sender at most {result.ProducerWorstLagMs:F1} ms behind schedule); until the alert was written p50/p99 {result.UntilWritten.P50Ms:F1}/{result.UntilWritten.P99Ms:F1} ms, then until read back {result.WrittenToRead.P50Ms:F1}/{result.WrittenToRead.P99Ms:F1} ms");
        return result;
    }
}

/// <summary>
/// What phase C measured at one rate. Latencies run from each CDR's intended send time to its alert being read back;
/// <see cref="UntilWritten"/> and <see cref="WrittenToRead"/> split each at the alert's <c>time</c> (when the pipeline wrote it).
/// </summary>
internal sealed record LatencyResult(
    int Rate,
    int Seconds,
    bool CaughtUpBeforeWindow,
    long Sent,
    double ProducerWorstLagMs,
    long AlertsRead,
    long AlertsOfWarmUp,
    long AlertsUnmatched,
    LatencySummary All,
    LatencySummary CallerStage,
    LatencySummary CalleeStage,
    LatencySummary FirstThird,
    LatencySummary LastThird,
    LatencySummary UntilWritten,
    LatencySummary WrittenToRead);
