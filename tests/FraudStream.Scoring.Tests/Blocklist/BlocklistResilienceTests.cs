using FraudStream.Scoring.Blocklist;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>The replica's Polly pipeline on its own: calls that never answer, as to a stalled Redis (no server needed).</summary>
[TestFixture]
public sealed class BlocklistResilienceTests
{
    private static readonly BlocklistOptions s_options = new() { OperationTimeout = TimeSpan.FromMilliseconds(50), RetryAttempts = 2 };

    // A sync that times out in every attempt, with no success left in the window: four failures may never share a
    // window when syncs are a ResyncInterval apart, so the attempts of the one sync must be enough.
    [Test]
    public void Call_unanswered_in_every_attempt_opens_the_breaker()
    {
        var (pipeline, circuit, failed) = Replica();

        Assert.That(async () => await CallAsync(pipeline, answers: false), Throws.InstanceOf<TimeoutRejectedException>());

        Assert.That(failed, Has.Count.EqualTo(3), "three attempts, each reported as it timed out");
        Assert.That(circuit.State.CircuitState, Is.EqualTo(CircuitState.Open));
        Assert.That(circuit.Openings, Is.EqualTo(1));
    }

    [Test]
    public async Task Call_unanswered_after_more_calls_succeeded_leaves_the_breaker_closed()
    {
        var (pipeline, circuit, failed) = Replica();
        for (var i = 0; i < 4; i++)
            await CallAsync(pipeline, answers: true);

        Assert.That(async () => await CallAsync(pipeline, answers: false), Throws.InstanceOf<TimeoutRejectedException>());

        Assert.That(failed, Has.Count.EqualTo(3), "every failed attempt is still reported (the replica is degraded by it)");
        Assert.That(circuit.State.CircuitState, Is.EqualTo(CircuitState.Closed), "3 of 7 calls failed: less than half");
    }

    private static (ResiliencePipeline Pipeline, BlocklistCircuit Circuit, List<Exception> Failed) Replica()
    {
        var failed = new List<Exception>();
        var circuit = new BlocklistCircuit(NullLogger.Instance, static _ => { });
        return (BlocklistResilience.ForReplica(s_options, circuit, e => { lock (failed) failed.Add(e); }), circuit, failed);
    }

    private static ValueTask CallAsync(ResiliencePipeline pipeline, bool answers)
        => pipeline.ExecuteAsync(async token =>
        {
            if (!answers)
                await Task.Delay(Timeout.Infinite, token);
        });
}
