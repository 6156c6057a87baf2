using System.Diagnostics;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using StackExchange.Redis;

namespace FraudStream.Host.Bench;

/// <summary>
/// Phase D, at the scoring-core level (one partition's <see cref="PartitionScorer"/> with the model, fed
/// in-process): throughput and memory as the tracked numbers grow from 10k to 10M and the labels from 1k to
/// 10M. Labels are written to Redis and loaded by a real <see cref="BlocklistReplica"/> full load. Each row
/// first tracks its numbers (one call each), then times calls from callers drawn uniformly from them (the
/// cache's worst case); one tracked number in ten is labelled while the labels last.
/// </summary>
internal static class ScalingPhase
{
    private const string KeyPrefix = "fraudstream-bench-scaling:";
    private const int Batch = 1024;

    public static async Task<IReadOnlyList<ScalingRow>> RunAsync(
        BenchSettings settings, IConnectionMultiplexer redis, string redisHostPort, ThresholdsProvider thresholds, XGBoostModel? model,
        FeatureOptions features, BenchProgress progress, CancellationToken cancellationToken)
    {
        var rows = new List<ScalingRow>();
        long seeded = 0;
        foreach (var labels in settings.ScalingRows.Select(r => r.Labels).Distinct().Order())
        {
            progress.Begin($"D. scaling at {labels:N0} labels: writing labels to Redis, full load into a replica", 0);
            await LabelFiller.FillAsync(redisHostPort, KeyPrefix, seeded, labels, cancellationToken).ConfigureAwait(false);
            seeded = labels;
            var clock = Stopwatch.StartNew();
            await using var replica = new BlocklistReplica(redis, new BlocklistOptions { KeyPrefix = KeyPrefix });
            await replica.StartAsync(cancellationToken).ConfigureAwait(false);
            var loadSeconds = clock.Elapsed.TotalSeconds;
            progress.Done($"{replica.LabelCount:N0} labels loaded in {loadSeconds:F1} s ({(double)replica.LabelBytes / replica.LabelCount:F1} B per label in the replica's table)");

            foreach (var (tracked, _) in settings.ScalingRows.Where(r => r.Labels == labels).OrderBy(r => r.Tracked))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var services = new ScoringServices(replica, thresholds, model, features);
                rows.Add(await Task.Factory.StartNew(
                    () => Measure(services, replica, tracked, labels, loadSeconds, settings.ScalingEvents, progress),
                    cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false));
            }
        }

        // The tracked-number sweep first (the label count most rows share), then the label sweep.
        var sweepLabels = rows.GroupBy(r => r.Labels).MaxBy(g => g.Count())!.Key;
        return [.. rows.Where(r => r.Labels == sweepLabels).OrderBy(r => r.Tracked), .. rows.Where(r => r.Labels != sweepLabels).OrderBy(r => r.Labels)];
    }

    private static ScalingRow Measure(ScoringServices services, BlocklistReplica replica, int tracked, int labels, double loadSeconds, int events, BenchProgress progress)
    {
        progress.Begin($"D. {tracked:N0} tracked numbers, {labels:N0} labels: tracking, then {events:N0} timed calls", tracked + (long)events);
        // The scorer's fixed buffers are per partition, not per number: the baseline includes them.
        var scorer = new PartitionScorer(services, Side.Outbound);
        var heapBefore = Heap();
        var batch = new CallEvent[Batch];
        var decisions = new Decision[Batch];
        var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        var random = new Random(7);
        for (var i = 0; i < tracked; i += Batch)
        {
            var n = Math.Min(Batch, tracked - i);
            for (var j = 0; j < n; j++)
                batch[j] = SyntheticEvents.Call(Caller(i + j, labels), random.Next(tracked), start + ((i + j) / 1000));
            scorer.Score(batch.AsSpan(0, n), decisions);
            if ((i & 0xFFFF) == 0)
                progress.Report(i, "calls");
        }

        var heapPerNumber = (double)(Heap() - heapBefore) / tracked;
        var resident = ProcessMeter.ResidentBytes();

        long ticks = 0;
        var now = start + 60_000;
        for (var done = 0; done < events; done += Batch)
        {
            for (var j = 0; j < Batch; j++)
            {
                batch[j] = SyntheticEvents.Call(Caller(random.Next(tracked), labels), random.Next(tracked), now++);
            }

            var t0 = Stopwatch.GetTimestamp();
            scorer.Score(batch, decisions);
            ticks += Stopwatch.GetTimestamp() - t0;
            if ((done & 0xFFFF) == 0)
                progress.Report(tracked + (long)done, "calls");
        }

        var seconds = (double)ticks / Stopwatch.Frequency;
        var row = new ScalingRow("scoring core (one partition, model on)", tracked, labels, events / seconds, seconds * 1e9 / events,
            heapPerNumber, resident, (double)replica.LabelBytes / Math.Max(1, replica.LabelCount), loadSeconds);
        GC.KeepAlive(scorer);
        progress.Done($"{row.EventsPerSecond:N0} events/s ({row.NanosPerEvent:F0} ns each), {row.HeapBytesPerNumber:F0} B per tracked number, process RSS {row.ResidentBytes / 1048576.0:N0} MiB");
        return row;
    }

    // Tracked number i; every tenth is a labelled one while labels last, so lookups hit as often as labels allow.
    private static ulong Caller(int i, int labels)
        => i % 10 == 0 && i / 10 < labels ? LabelFiller.Number(i / 10) : SyntheticEvents.CallerBase + (ulong)i;

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>One row of the scaling table; <see cref="Level"/> says what was measured.</summary>
internal sealed record ScalingRow(
    string Level,
    int Tracked,
    int Labels,
    double EventsPerSecond,
    double NanosPerEvent,
    double HeapBytesPerNumber,
    long ResidentBytes,
    double LabelBytesPerLabel,
    double ReplicaLoadSeconds);
