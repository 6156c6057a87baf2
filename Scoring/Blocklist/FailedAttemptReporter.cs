using Polly;

namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// Reports each attempt of a replica call that found Redis unavailable (an error of the connection, a timeout) the
/// moment it ends, before the retry waits and whatever the breaker then decides: the replica is degraded from its
/// first unanswered call, not from the breaker's fourth failure or the sync's last retry.
/// </summary>
internal sealed class FailedAttemptReporter(Action<Exception> failed) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is { } e && BlocklistResilience.IsRedisUnavailable(e))
            failed(e);
        return outcome;
    }
}
