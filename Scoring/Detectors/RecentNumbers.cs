using System.Numerics;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Numbers seen doing something lately (e.g. flooding a victim), with the minute they were last marked: a
/// direct-mapped table of 64-bit slots (40-bit tag, 24-bit minute), fixed in size. Shared by partitions like
/// <see cref="Features.PairRecency"/>: slots are read and written whole; a collision forgets a number early.
/// </summary>
public sealed class RecentNumbers
{
    private const ulong MinuteMask = 0xFFFFFF;
    private readonly ulong[] _slots;
    private readonly ulong _mask;

    public RecentNumbers(int bits = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 28);
        _slots = new ulong[1 << bits];
        _mask = (1UL << bits) - 1;
    }

    /// <summary>Marks <paramref name="number"/> as seen at <paramref name="unixMs"/>.</summary>
    public void Mark(ulong number, long unixMs)
    {
        var hash = Hash(number);
        Volatile.Write(ref _slots[hash & _mask], (Tag(hash) << 24) | (Minute(unixMs) & MinuteMask));
    }

    /// <summary>Whether <paramref name="number"/> was marked within <paramref name="minutes"/> before <paramref name="unixMs"/>; how long ago if so.</summary>
    public bool WasMarkedWithin(ulong number, long unixMs, float minutes, out float minutesAgo)
    {
        var hash = Hash(number);
        var slot = Volatile.Read(ref _slots[hash & _mask]);
        minutesAgo = 0;
        if (slot == 0 || (slot >> 24) != Tag(hash))
            return false;

        // Minutes wrap every 2^24 (32 years); compare modulo.
        var elapsed = (Minute(unixMs) - (slot & MinuteMask)) & MinuteMask;
        minutesAgo = elapsed >= (1UL << 23) ? 0 : elapsed;
        return minutesAgo <= minutes;
    }

    private static ulong Minute(long unixMs) => (ulong)(unixMs / 60_000);

    private static ulong Tag(ulong hash) => (hash >> 24) | 1;

    private static ulong Hash(ulong n)
    {
        var h = n * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return BitOperations.RotateLeft(h, 17);
    }
}
