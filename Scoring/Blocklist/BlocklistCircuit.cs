using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// What the replica's circuit breaker did, for the replica, its operators and tests: the state now, how often it
/// opened, and how long it stayed open. The breaker's callbacks report here; reads are safe from any thread.
/// </summary>
// Durations on the monotonic clock, as the breaker's own break duration (Polly's pipeline runs on the system clock).
internal sealed class BlocklistCircuit(ILogger logger, Action<string> opened)
{
    private long _openings;
    private long _closings;
    private long _openedAtTicks;
    private long _openMs;

    public CircuitBreakerStateProvider State { get; } = new();

    public long Openings => Interlocked.Read(ref _openings);

    public long Closings => Interlocked.Read(ref _closings);

    /// <summary>Time spent open or half-open, summed over every outage that has ended.</summary>
    public TimeSpan TimeOpen => TimeSpan.FromMilliseconds(Interlocked.Read(ref _openMs));

    public void OnOpened(TimeSpan breakDuration, Exception? cause)
    {
        Interlocked.Increment(ref _openings);
        // Re-opened after a failed half-open trial: the outage goes on from its first opening.
        Interlocked.CompareExchange(ref _openedAtTicks, Environment.TickCount64, 0);
        var reason = cause is null ? "Redis kept failing" : cause.GetType().Name + ": " + cause.Message;
        Log.CircuitOpened(logger, breakDuration.TotalSeconds, reason);
        opened("circuit open: " + reason);
    }

    public void OnClosed()
    {
        var since = Interlocked.Exchange(ref _openedAtTicks, 0);
        if (since == 0)
            return; // Closed without having been open (a manual reset): nothing to account.
        var open = Environment.TickCount64 - since;
        Interlocked.Add(ref _openMs, open);
        Interlocked.Increment(ref _closings);
        Log.CircuitClosed(logger, open);
    }
}
