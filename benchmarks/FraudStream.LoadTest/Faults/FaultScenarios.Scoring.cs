using System.Diagnostics;
using FraudStream.LoadTest.Harness;
using Polly.CircuitBreaker;

namespace FraudStream.LoadTest.Faults;

// Items 15 and 16: the scoring side's dependencies degrade (Redis slow, the model scoring NaN) while Kafka is healthy.
internal static partial class FaultScenarios
{
    private static readonly TimeSpan s_redisPause = TimeSpan.FromSeconds(5);

    // Records must keep arriving after the replica has noticed the pause (up to a resync interval and a call's timeout
    // into it) and after Redis is back. The default run's traffic lasts 15 s; a run of 20,000 records at the scenario rate
    // was one burst, decided within 0.4 s of the pause's start, before any call to Redis could have gone unanswered.
    // A constant: FaultScenarios.All is built by a static initializer of another file, which may run before this file's.
    private const int RedisSlowTrafficSeconds = 15;

    private static FaultScenario RedisSlow() => new("redis-slow", "15",
        "the private redis-server answers no client for 5 s (CLIENT PAUSE); the label replica's breaker scaled down as in the tests (resync 1 s, 300 ms per call, 2 s window, open 1 s) must open and close",
        RedisSlowAsync, DuplicateBound.None)
    {
        Setup = FaultSetup.ScaledBreaker,
        MinTraffic = TimeSpan.FromSeconds(RedisSlowTrafficSeconds),
        Verify = static (c, ledger) =>
        {
            c.Notes.Observe($"{ledger.Degraded:N0} caller decisions flagged degraded");
            c.Notes.Expect(ledger.Degraded > 0, "decisions made while Redis did not answer say so");
        },
    };

    private static FaultScenario NaNModel() => new("nan-model", "16",
        "from the start, a model whose voice calls score NaN (inf + -inf in its margin; SMS score low): rules and labels decide those, flagged degraded",
        static _ => Task.CompletedTask, DuplicateBound.None)
    {
        Setup = FaultSetup.NanModel,
        Verify = static (c, ledger) =>
        {
            var failures = c.Pipelines.Sum(static p => p.Statistics.ModelFailures);
            c.Notes.Observe($"{failures:N0} events the model could not score; {ledger.Degraded:N0} caller decisions flagged degraded, of {ledger.Decided:N0} valid records decided");
            c.Notes.Expect(failures > 0, "the model's NaN scores are counted as failures");
            c.Notes.Expect(ledger.Degraded > 0 && ledger.Degraded < ledger.Decided, "the decisions without a score, and only some, are flagged degraded");
        },
    };

    private static async Task RedisSlowAsync(FaultCluster c)
    {
        var replica = c.Pipeline.Services.Blocklist ?? throw new BenchFailedException("redis-slow needs the label replica");
        var consumedBefore = c.Consumed;
        var clock = Stopwatch.StartNew();
        c.Redis.Pause(s_redisPause);
        TimeSpan? degradedAt = null, opened = null, closed = null;
        long? consumedWhilePaused = null;
        // Decided between two looks that both found the replica degraded: about the decisions it had to flag (not a bound:
        // a batch scored just before the first look counts, one scored just before the replica recovered does not).
        var decided = c.Pipeline.Statistics.CallerEvents;
        var wasDegraded = false;
        long decidedWhileDegraded = 0;
        while (clock.Elapsed < s_redisPause + TimeSpan.FromSeconds(15) && closed is null)
        {
            if (consumedWhilePaused is null && clock.Elapsed >= s_redisPause)
                consumedWhilePaused = c.Consumed - consumedBefore;
            var degraded = replica.IsDegraded;
            var decidedNow = c.Pipeline.Statistics.CallerEvents;
            if (degraded && wasDegraded)
                decidedWhileDegraded += decidedNow - decided;
            (decided, wasDegraded) = (decidedNow, degraded);
            if (degraded)
                degradedAt ??= clock.Elapsed;
            var state = replica.CircuitState;
            if (state == CircuitState.Open)
                opened ??= clock.Elapsed;
            else if (state == CircuitState.Closed && opened is not null && clock.Elapsed >= s_redisPause)
                closed = clock.Elapsed;
            await Task.Delay(20).ConfigureAwait(false);
        }

        var resynced = await FaultCluster.EventuallyAsync(() => !replica.IsDegraded, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        c.Notes.Observe($"replica degraded at {Seconds(degradedAt)}, breaker open at {Seconds(opened)}, closed at {Seconds(closed)} ({replica.CircuitOpenings} openings, open {replica.CircuitOpenTime.TotalSeconds:F1} s in all); "
            + $"{consumedWhilePaused ?? c.Consumed - consumedBefore:N0} records consumed during the pause, about {decidedWhileDegraded:N0} decided while the replica was degraded (sampled every 20 ms); replica {(resynced ? "whole again" : "still degraded")} after");
        c.Notes.Expect(degradedAt is not null, "the replica calls itself degraded while Redis does not answer");
        c.Notes.Expect(opened is not null, "the breaker opens while Redis does not answer");
        c.Notes.Expect(closed is not null, "the breaker closes once Redis answers again");
        c.Notes.Expect(consumedWhilePaused > 0, "the consumer keeps deciding while Redis is paused");
        c.Notes.Expect(decidedWhileDegraded > 0, "records are decided while the replica knows Redis is away (else the degraded flag is not exercised)");
        c.Notes.Expect(resynced, "the replica resyncs within 20 s of the breaker closing");
    }

    private static string Seconds(TimeSpan? at) => at is { } t ? $"{t.TotalSeconds:F1} s" : "never";
}
