namespace FraudStream.Simulator.Time;

/// <summary>
/// The simulated clock: event times are milliseconds since <see cref="Start"/>, and the daily rhythm follows
/// the local time of <see cref="Start"/>'s offset (the carrier's time zone).
/// </summary>
internal sealed class SimClock
{
    public const long MsPerHour = 3_600_000;
    public const long MsPerDay = 24 * MsPerHour;

    // Local time of day at Start, in ms: shifts simulated time onto the local wall clock.
    private readonly long _startLocalMsOfDay;

    public SimClock(DateTimeOffset start)
    {
        Start = start;
        _startLocalMsOfDay = (long)start.TimeOfDay.TotalMilliseconds;
    }

    public DateTimeOffset Start { get; }

    /// <summary>Local hour of day (0-23) at simulated time <paramref name="ms"/>.</summary>
    public int HourOf(long ms) => (int)((_startLocalMsOfDay + ms) % MsPerDay / MsPerHour);

    /// <summary>The first local hour boundary strictly after <paramref name="ms"/>.</summary>
    public long NextHour(long ms) => ((((_startLocalMsOfDay + ms) / MsPerHour) + 1) * MsPerHour) - _startLocalMsOfDay;

    /// <summary>The next moment at or after <paramref name="ms"/> whose local hour is <paramref name="hour"/>:00.</summary>
    public long NextAtHour(long ms, int hour)
    {
        var local = _startLocalMsOfDay + ms;
        var dayStart = local - (local % MsPerDay);
        var candidate = dayStart + (hour * MsPerHour);
        if (candidate < local)
            candidate += MsPerDay;
        return candidate - _startLocalMsOfDay;
    }
}
