using System.Diagnostics;
using FraudStream.LoadTest.Faults;
using FraudStream.Scoring.Blocklist;
using FraudStream.Tests.Shared.Faults;
using Polly.CircuitBreaker;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// Issue 7, item 15: Redis answering nothing for seconds (CLIENT PAUSE) while traffic flows through one pipeline with
/// the closed loop on. Lookups stay in memory; the replica's breaker must open, flag, bound every Redis-side call and close.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SlowRedisFaultTests
{
    [Test]
    public async Task Slow_redis_opens_the_breaker_flags_decisions_degraded_without_stalling_and_the_breaker_closes()
    {
        using var run = new FaultRun(redis: true) { AutoLabel = true };
        var options = run.Harness.Blocklist!;
        // The defaults scaled down: a resync a second, 300 ms per call, a breaker judging the last 2 s and breaking for 1 s.
        options.ResyncInterval = TimeSpan.FromSeconds(1);
        options.OperationTimeout = TimeSpan.FromMilliseconds(300);
        options.CircuitSamplingDuration = TimeSpan.FromSeconds(2);
        options.CircuitBreakDuration = TimeSpan.FromSeconds(1);
        var pause = TimeSpan.FromSeconds(5);

        var first = await run.StartInstanceAsync();
        await FaultRun.WhenAssignedAsync(first);
        var replica = first.Services.Blocklist!;
        // Slower than the other scenarios, so the traffic spans the pause.
        var produced = run.ProduceAsync(rate: 2_000);
        await run.WhenConsumedAsync(FaultRun.Records / 4);

        var decidedBefore = first.Statistics.CallerEvents;
        var clock = Stopwatch.StartNew();
        run.Harness.Redis!.Pause(pause);
        TimeSpan? opened = null, closed = null, reasonCall = null;
        var openButWhole = 0;
        long? decidedWhilePaused = null;
        while (clock.Elapsed < pause + TimeSpan.FromSeconds(10) && closed is null)
        {
            if (decidedWhilePaused is null && clock.Elapsed >= pause)
                decidedWhilePaused = first.Statistics.CallerEvents - decidedBefore;
            var state = replica.CircuitState;
            if (state == CircuitState.Open)
            {
                opened ??= clock.Elapsed;
                openButWhole += replica.IsDegraded ? 0 : 1;
                if (reasonCall is null)
                {
                    // A Redis-side call while Redis is slow: fails fast on the open breaker or times out, never waits out the pause.
                    var call = Stopwatch.StartNew();
                    Assert.That(async () => await replica.GetReasonAsync(1), Throws.Exception.Matches<Exception>(BlocklistResilience.IsRedisUnavailable));
                    reasonCall = call.Elapsed;
                }
            }
            else if (state == CircuitState.Closed && opened is not null && clock.Elapsed >= pause)
            {
                closed = clock.Elapsed;
            }

            await Task.Delay(20);
        }

        Assert.That(opened, Is.Not.Null, "the breaker opened while Redis did not answer");
        Assert.That(closed, Is.Not.Null, $"the breaker closed once Redis answered again (state {replica.CircuitState})");
        Assert.That(openButWhole, Is.Zero, "the replica is degraded whenever the breaker is open");
        Assert.That(reasonCall, Is.LessThan(TimeSpan.FromSeconds(2)), "Redis-side calls are bounded by the timeout");

        // Traffic after the return: the last decision of every partition must be whole again.
        await produced.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(await EventuallyAsync(() => !replica.IsDegraded, TimeSpan.FromSeconds(20)), Is.True, "the replica resyncs after the pause");
        await run.ProduceAsync(2_000, rate: 0);
        await run.WaitCommittedAsync(TimeSpan.FromSeconds(60));
        var ledger = await run.LedgerAsync();

        var decisions = CallerDecision.ReadAll(run);
        var degraded = decisions.Count(d => d.Degraded);
        var labeler = run.Labelers[0];
        TestContext.Progress.WriteLine($"[fault matrix] 15 Redis slow: paused {pause.TotalSeconds} s, breaker open at {opened!.Value.TotalSeconds:0.0} s, closed at {closed!.Value.TotalSeconds:0.0} s "
            + $"({replica.CircuitOpenings} openings, open {replica.CircuitOpenTime.TotalMilliseconds:0} ms), {decidedWhilePaused} records decided meanwhile, {degraded} decisions degraded, "
            + $"a reason lookup failed in {reasonCall!.Value.TotalMilliseconds:0} ms; auto labels written {labeler.Written}, failed {labeler.Failed}, dropped {labeler.Dropped}");
        ledger.AssertNothingLost("15 Redis slow").AssertDuplicatesAtMost(0, "15 Redis slow", "none: Kafka saw no fault");
        Assert.That(decidedWhilePaused, Is.GreaterThan(2_000 * pause.TotalSeconds / 2), "the consumer kept deciding at least half the offered rate while Redis was slow");
        Assert.That(degraded, Is.GreaterThan(0), "decisions made while the breaker was open say so");
        Assert.That(decisions.GroupBy(d => d.Partition).Select(g => g.MaxBy(d => d.Offset).Degraded), Has.All.False, "decisions after the breaker closed are whole");
        Assert.That(replica.CircuitClosings, Is.GreaterThanOrEqualTo(1));
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(100);
        }

        return true;
    }
}
