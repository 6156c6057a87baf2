using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Time;

/// <summary>Arrival times of a Poisson process whose rate follows a <see cref="Rhythm"/> through the day.</summary>
internal static class Arrivals
{
    /// <summary>
    /// The next arrival after <paramref name="now"/> for a process of <paramref name="perDay"/> events per day on
    /// average. The rate is constant within each local hour; crossing an hour boundary restarts the draw at the
    /// boundary with the new rate, which is exact because exponential gaps are memoryless.
    /// </summary>
    public static long Next(SimClock clock, Rng rng, Rhythm rhythm, long now, double perDay)
    {
        var perMs = perDay / SimClock.MsPerDay;
        for (var guard = 0; guard < 24 * 8; guard++)
        {
            var boundary = clock.NextHour(now);
            var rate = perMs * rhythm.At(clock.HourOf(now));
            if (rate > 0)
            {
                var next = now + (long)Math.Ceiling(rng.Exponential(1.0 / rate));
                if (next < boundary)
                    return next;
            }

            now = boundary;
        }

        return long.MaxValue;
    }
}
