using System.Diagnostics;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Phase E: what batching and the replica are worth, measured on the same simulated events on one thread.
/// Ours: the scorer over batches of 1,000 (one model pass per batch, labels from the in-process replica).
/// Naive: the same scorer one event at a time (one model call per event) plus one Redis round trip per
/// event for the caller's label (<see cref="LabelStore.GetAsync"/>), as an integration that asks Redis per
/// call would do. The two halves of the naive path are also timed alone.
/// </summary>
internal static class BaselinePhase
{
    private const int Batch = 1000;

    public static async Task<BaselineResult> RunAsync(ScoringServices shared, LabelStore store, CallEvent[] events, int naiveEvents, BenchProgress progress, CancellationToken cancellationToken)
    {
        progress.Begin($"E. baselines: naive (one model call and one Redis round trip per event, {naiveEvents:N0} events) vs ours (batches of {Batch:N0}, replica, {events.Length:N0} events)", 0);
        var naive = events.AsSpan(0, naiveEvents).ToArray();
        var decisions = new Decision[Batch];

        var oursScorer = Fresh(shared);
        var ours = Time(events.Length, () => ScoreBatches(oursScorer, events, decisions));
        var singleScorer = Fresh(shared);
        var singleRow = Time(naive.Length, () =>
        {
            for (var i = 0; i < naive.Length; i++)
                singleScorer.Score(naive.AsSpan(i, 1), decisions);
        });
        var redisOnly = await TimeAsync(naive.Length, async () =>
        {
            foreach (var e in naive)
                await store.GetAsync(e.Caller.Value, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var naiveScorer = Fresh(shared);
        var naiveBoth = await TimeAsync(naive.Length, async () =>
        {
            for (var i = 0; i < naive.Length; i++)
            {
                await store.GetAsync(naive[i].Caller.Value, cancellationToken).ConfigureAwait(false);
                naiveScorer.Score(naive.AsSpan(i, 1), decisions);
            }
        }).ConfigureAwait(false);

        var result = new BaselineResult(events.Length, naive.Length, ours, naiveBoth, singleRow, redisOnly, naiveBoth / ours);
        progress.Done($"ours {ours:F2} µs/event, naive {naiveBoth:F1} µs/event: {result.Ratio:F0}× (one model call per event alone {singleRow:F1} µs, one Redis round trip alone {redisOnly:F1} µs)");
        return result;
    }

    // A scorer of its own (features start empty), sharing the replica, thresholds and model.
    private static PartitionScorer Fresh(ScoringServices shared)
        => new(new ScoringServices(shared.Blocklist, shared.Thresholds, shared.Model, shared.Features, shared.HomeCountryCode), Side.Outbound);

    private static void ScoreBatches(PartitionScorer scorer, CallEvent[] events, Decision[] decisions)
    {
        for (var i = 0; i < events.Length; i += Batch)
            scorer.Score(events.AsSpan(i, Math.Min(Batch, events.Length - i)), decisions);
    }

    private static double Time(int events, Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalMicroseconds / events;
    }

    private static async Task<double> TimeAsync(int events, Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work().ConfigureAwait(false);
        return clock.Elapsed.TotalMicroseconds / events;
    }
}

/// <summary>Phase E's per-event times in µs (one thread) and naive ÷ ours.</summary>
internal sealed record BaselineResult(
    int OursEvents,
    int NaiveEvents,
    double OursMicrosPerEvent,
    double NaiveMicrosPerEvent,
    double SingleRowModelMicrosPerEvent,
    double RedisRoundTripMicrosPerEvent,
    double Ratio);
