using System.Diagnostics;
using FraudStream.Scoring.Blocklist;
using Polly.CircuitBreaker;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>Issue 7, item 15: redis-server answering nothing for a while (CLIENT PAUSE) under a running replica.</summary>
[TestFixture]
public sealed class RedisSlowTests : RedisFixture
{
    private const ulong Fraudster = 8613800000001;

    [Test]
    public async Task Slow_redis_opens_the_circuit_bounds_every_call_and_the_circuit_closes_when_redis_answers_again()
    {
        Options.ResyncInterval = TimeSpan.FromMilliseconds(200);
        Options.OperationTimeout = TimeSpan.FromMilliseconds(300);
        Options.CircuitBreakDuration = TimeSpan.FromSeconds(1);
        await NewStore().AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police, "case 117"), "cli:alice");
        using var connection = Connect();
        await using var replica = new BlocklistReplica(connection, Options, time: Clock);
        await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.That(replica.CircuitState, Is.EqualTo(CircuitState.Closed));

        Server.Pause(TimeSpan.FromSeconds(4));

        Assert.That(await EventuallyAsync(() => replica.CircuitState == CircuitState.Open, TimeSpan.FromSeconds(4)), Is.True, "the circuit opens while Redis does not answer");
        Assert.That(replica.IsDegraded, Is.True, "an open circuit is a degraded replica");
        var lookup = Stopwatch.StartNew();
        Assert.That(replica.TryGetLabel(Fraudster, out var label) && label.Action == LabelAction.Block, Is.True, "lookups answer from the last state");
        Assert.That(lookup.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(50)), "lookups never wait on Redis");

        // A Redis-side call while Redis is slow ends within its bounds: fails fast on the open circuit, or times out.
        var call = Stopwatch.StartNew();
        Assert.That(async () => await replica.GetReasonAsync(Fraudster), Throws.Exception.Matches<Exception>(BlocklistResilience.IsRedisUnavailable));
        Assert.That(call.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "bounded by OperationTimeout times the attempts, never the length of the pause");

        Assert.That(await EventuallyAsync(() => replica.CircuitState == CircuitState.Closed && !replica.IsDegraded, TimeSpan.FromSeconds(10)), Is.True,
            $"the circuit closes and the replica resyncs once Redis answers (state {replica.CircuitState}, degraded {replica.IsDegraded})");
        Assert.That(replica.CircuitOpenings, Is.GreaterThanOrEqualTo(1));
        Assert.That(replica.CircuitClosings, Is.EqualTo(1), "one outage, closed once");
        Assert.That(replica.CircuitOpenTime, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), "open for about the rest of the pause, at least one break");
        Assert.That(await replica.GetReasonAsync(Fraudster), Is.EqualTo("case 117"), "Redis-side calls work again");
        TestContext.Progress.WriteLine($"[redis slow] circuit opened {replica.CircuitOpenings} times, open {replica.CircuitOpenTime.TotalMilliseconds:0} ms in all");
    }

    // The bench's redis-slow at 20,000 records: every decision was made in the first 0.4 s of the pause, while the
    // replica still waited for a sync's third attempt or the breaker's fourth failure to call itself degraded.
    [Test]
    public async Task Stalled_redis_marks_the_replica_degraded_at_the_first_unanswered_call_not_after_the_retries_or_the_breaker()
    {
        Options.ResyncInterval = TimeSpan.FromMinutes(10); // only the syncs this test asks for
        Options.OperationTimeout = TimeSpan.FromMilliseconds(300);
        Options.RetryAttempts = 10; // one sync retries for minutes: it is still retrying when the test looks
        Options.CircuitSamplingDuration = TimeSpan.FromMinutes(10);
        await NewStore().AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police, "case 117"), "cli:alice");
        using var connection = Connect();
        await using var replica = new BlocklistReplica(connection, Options, time: Clock);
        await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        // Successful calls in the breaker's window: the at most eleven failed attempts below cannot make half of it.
        for (var i = 0; i < 12; i++)
            await replica.ResyncAsync();
        Assert.That(replica.IsDegraded, Is.False, "in sync before the stall");

        Server.Freeze();
        try
        {
            using var stop = new CancellationTokenSource();
            var sync = replica.ResyncAsync(stop.Token);
            Assert.That(await EventuallyAsync(() => replica.IsDegraded || sync.IsCompleted, TimeSpan.FromSeconds(20)), Is.True,
                "the replica calls itself degraded once a call to the stalled Redis goes unanswered");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(replica.IsDegraded, Is.True, "degraded at the first unanswered attempt");
                Assert.That(sync.IsCompleted, Is.False, "while that sync is still retrying");
                Assert.That(replica.CircuitState, Is.EqualTo(CircuitState.Closed), "not because the breaker opened");
                Assert.That(replica.TryGetLabel(Fraudster, out var label) && label.Action == LabelAction.Block, Is.True, "lookups answer from the last state");
            }

            await stop.CancelAsync();
            Assert.That(async () => await sync, Throws.InstanceOf<OperationCanceledException>());
        }
        finally
        {
            Server.Thaw();
        }
    }
}
