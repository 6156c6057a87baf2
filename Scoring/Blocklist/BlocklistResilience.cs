using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

/// <summary>The Polly pipelines around the blocklist's Redis calls.</summary>
public static class BlocklistResilience
{
    /// <summary>
    /// For the replica's reads: retry with jittered exponential back-off, then a circuit breaker (so a dead
    /// Redis costs one fast failure per resync instead of a timeout per call), then a timeout per attempt.
    /// The replica's own pipeline also reports each failed attempt (<see cref="FailedAttemptReporter"/>).
    /// </summary>
    public static ResiliencePipeline ForReplica(BlocklistOptions options) => ForReplica(options, null, null);

    /// <param name="options">Attempts, timeouts and the break duration.</param>
    /// <param name="circuit">Where the breaker reports its state and transitions (the replica's observables).</param>
    /// <param name="failed">Called with each attempt that found Redis unavailable, as it ends (before any retry).</param>
    internal static ResiliencePipeline ForReplica(BlocklistOptions options, BlocklistCircuit? circuit, Action<Exception>? failed)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutRejectedException>().Handle<TimeoutException>(),
                MaxRetryAttempts = options.RetryAttempts,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutRejectedException>().Handle<TimeoutException>(),
                FailureRatio = 0.5,
                // At most the attempts of one sync: a stalled Redis costs each sync RetryAttempts + 1 timeouts, and the
                // next sync starts a ResyncInterval later, so a window may never hold four failures (the scaled
                // breaker's 2 s, or the default 10 s once the last successes left it) and the breaker would never open.
                MinimumThroughput = Math.Clamp(options.RetryAttempts + 1, 2, 4),
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                StateProvider = circuit?.State,
                OnOpened = circuit is null ? null : args =>
                {
                    circuit.OnOpened(args.BreakDuration, args.Outcome.Exception);
                    return default;
                },
                OnClosed = circuit is null ? null : _ =>
                {
                    circuit.OnClosed();
                    return default;
                },
            });
        if (failed is not null)
            builder.AddStrategy(_ => new FailedAttemptReporter(failed));
        return builder
            .AddTimeout(options.OperationTimeout)
            .Build();
    }

    /// <summary>
    /// For writes (the CLI, the closed loop): a timeout only. A change script whose reply was lost may have
    /// run, and running it again would write a second audit entry, so retrying is left to the caller.
    /// </summary>
    public static ResiliencePipeline ForWrites(BlocklistOptions options)
        => new ResiliencePipelineBuilder().AddTimeout(options.OperationTimeout).Build();

    /// <summary>Whether <paramref name="exception"/> means Redis could not be reached or did not answer in time.</summary>
    public static bool IsRedisUnavailable(Exception exception)
        => exception is RedisConnectionException or RedisTimeoutException or TimeoutRejectedException or BrokenCircuitException or TimeoutException;
}
