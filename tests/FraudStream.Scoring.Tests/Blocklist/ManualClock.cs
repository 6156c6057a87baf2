namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>A clock the test sets; timers stay real (Task.Delay through it still waits real time).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _nowMs = start.ToUnixTimeMilliseconds();

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _nowMs));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _nowMs, (long)by.TotalMilliseconds);
}
