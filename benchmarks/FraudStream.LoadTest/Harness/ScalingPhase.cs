using System.Diagnostics;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using StackExchange.Redis;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Phase D, at the scoring-core level (one partition's <see cref="PartitionScorer"/> with the model, fed
/// in-process): throughput and memory as the tracked numbers grow from 10k to 10M and the labels from 1k to
/// 10M. Labels are written to Redis and loaded by a real <see cref="BlocklistReplica"/> full load. Each row
/// first tracks its numbers (one call each), then times calls from callers drawn uniformly from them (the
/// cache's worst case); one tracked number in ten is labelled while the labels last.
/// </summary>
/// <remarks>
/// The rows that share a label count are timed together, in <see cref="Rounds"/> interleaved rounds after one
/// untimed warm-up round: a row timed alone, minutes after another, also measured how busy the machine and the JIT
/// were at that moment (the same row measured 600-860 ns per event in consecutive runs on a shared machine), and
/// the ±20 % goal compares rows with each other.
/// </remarks>
internal static class ScalingPhase
{
    private const string KeyPrefix = "fraudstream-bench-scaling:";
    private const int Batch = 1024;
    private const int Rounds = 8;

    public static async Task<IReadOnlyList<ScalingRow>> RunAsync(
        BenchSettings settings, IConnectionMultiplexer redis, string redisHostPort, ThresholdsProvider thresholds, FraudModel? model,
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

            var tracks = new List<Track>();
            foreach (var (tracked, _) in settings.ScalingRows.Where(r => r.Labels == labels).OrderBy(r => r.Tracked))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var services = new ScoringServices(replica, thresholds, model, features);
                tracks.Add(await BenchRun.OwnThread(() => Track.Start(services, tracked, labels, progress)).ConfigureAwait(false));
            }

            await BenchRun.OwnThread(() => TimeInRounds(tracks, settings.ScalingEvents, progress, cancellationToken)).ConfigureAwait(false);
            rows.AddRange(tracks.Select(t => t.Row(replica, loadSeconds)));
            foreach (var t in tracks)
                progress.Done($"{t.Tracked:N0} tracked numbers, {labels:N0} labels: {t.EventsPerSecond:N0} events/s ({t.NanosPerEvent:F0} ns each), {t.HeapPerNumber:F0} B per tracked number, process RSS {t.Resident / 1048576.0:N0} MiB");
            tracks.Clear();
        }

        // The tracked-number sweep first (the label count most rows share), then the label sweep.
        var sweepLabels = rows.GroupBy(r => r.Labels).MaxBy(g => g.Count())!.Key;
        return [.. rows.Where(r => r.Labels == sweepLabels).OrderBy(r => r.Tracked), .. rows.Where(r => r.Labels != sweepLabels).OrderBy(r => r.Labels)];
    }

    /// <summary>Times every row in interleaved rounds; returns the calls timed per row.</summary>
    private static long TimeInRounds(List<Track> tracks, int events, BenchProgress progress, CancellationToken cancellationToken)
    {
        var perRound = Math.Max(Batch, events / Rounds / Batch * Batch);
        var labels = tracks[0].Labels;
        progress.Begin($"D. {labels:N0} labels: {perRound * Rounds:N0} timed calls per row, {tracks.Count} rows in {Rounds} interleaved rounds after a warm-up round", (long)tracks.Count * perRound * (Rounds + 1));
        long done = 0;
        for (var round = 0; round <= Rounds; round++)
        {
            foreach (var track in tracks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                track.Run(perRound, timed: round > 0);
                done += perRound;
                progress.Report(done, "calls");
            }
        }

        return (long)perRound * Rounds;
    }

    /// <summary>One row: a scorer that tracks its numbers, then is timed in rounds.</summary>
    private sealed class Track
    {
        private readonly PartitionScorer _scorer;
        private readonly CallEvent[] _batch = new CallEvent[Batch];
        private readonly Decision[] _decisions = new Decision[Batch];
        private readonly Random _random = new(7);
        private long _now;
        private long _ticks;
        private long _timed;

        private Track(PartitionScorer scorer, int tracked, int labels)
        {
            _scorer = scorer;
            Tracked = tracked;
            Labels = labels;
        }

        public int Tracked { get; }

        public int Labels { get; }

        public double HeapPerNumber { get; private set; }

        public long Resident { get; private set; }

        public double EventsPerSecond => _timed / ((double)_ticks / Stopwatch.Frequency);

        public double NanosPerEvent => (double)_ticks / Stopwatch.Frequency * 1e9 / _timed;

        public static Track Start(ScoringServices services, int tracked, int labels, BenchProgress progress)
        {
            progress.Begin($"D. {tracked:N0} tracked numbers, {labels:N0} labels: tracking them", tracked);
            // The scorer's fixed buffers are per partition, not per number: the baseline includes them.
            var track = new Track(new PartitionScorer(services, Side.Outbound), tracked, labels);
            var heapBefore = Heap();
            var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
            for (var i = 0; i < tracked; i += Batch)
            {
                var n = Math.Min(Batch, tracked - i);
                for (var j = 0; j < n; j++)
                    track._batch[j] = SyntheticEvents.Call(Caller(i + j, labels), track._random.Next(tracked), start + ((i + j) / 1000));
                track._scorer.Score(track._batch.AsSpan(0, n), track._decisions);
                if ((i & 0xFFFF) == 0)
                    progress.Report(i, "calls");
            }

            track.HeapPerNumber = (double)(Heap() - heapBefore) / tracked;
            track.Resident = ProcessMeter.ResidentBytes();
            track._now = start + 60_000;
            progress.Done($"{tracked:N0} numbers tracked, {track.HeapPerNumber:F0} B each, process RSS {track.Resident / 1048576.0:N0} MiB");
            return track;
        }

        public void Run(int events, bool timed)
        {
            for (var done = 0; done < events; done += Batch)
            {
                for (var j = 0; j < Batch; j++)
                    _batch[j] = SyntheticEvents.Call(Caller(_random.Next(Tracked), Labels), _random.Next(Tracked), _now++);

                var t0 = Stopwatch.GetTimestamp();
                _scorer.Score(_batch, _decisions);
                if (timed)
                {
                    _ticks += Stopwatch.GetTimestamp() - t0;
                    _timed += Batch;
                }
            }
        }

        public ScalingRow Row(BlocklistReplica replica, double loadSeconds)
            => new("scoring core (one partition, model on)", Tracked, Labels, EventsPerSecond, NanosPerEvent,
                HeapPerNumber, Resident, (double)replica.LabelBytes / Math.Max(1, replica.LabelCount), loadSeconds);
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
