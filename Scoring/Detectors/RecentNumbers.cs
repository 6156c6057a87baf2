using System.Numerics;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Numbers seen doing something lately (e.g. flooding a victim), with the minute they were last marked: a
/// 4-way set-associative table of 64-bit slots (40-bit tag, 24-bit minute), fixed in size; a number marked anew
/// takes the slot of its set marked longest ago. Shared by partitions like <see cref="Features.PairRecency"/>:
/// slots are read and written whole. (Direct-mapped, two numbers sharing a slot forgot each other: in the held-out
/// evaluation a debt collector marked at 01:54 was forgotten at 02:04, and the contacts it called next went unwarned.)
/// </summary>
public sealed class RecentNumbers
{
    private const ulong MinuteMask = 0xFFFFFF;
    private const int Ways = 4;
    private readonly ulong[] _slots;
    private readonly ulong _mask;

    public RecentNumbers(int bits = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 28);
        _slots = new ulong[1 << bits];
        _mask = ((1UL << bits) - 1) & ~(ulong)(Ways - 1);
    }

    /// <summary>Marks <paramref name="number"/> as seen at <paramref name="unixMs"/>.</summary>
    public void Mark(ulong number, long unixMs)
    {
        var hash = Hash(number);
        var set = (int)(hash & _mask);
        var tag = Tag(hash);
        var minute = Minute(unixMs) & MinuteMask;
        var victim = set;
        var oldest = 0UL;
        for (var i = set; i < set + Ways; i++)
        {
            var slot = Volatile.Read(ref _slots[i]);
            if (slot == 0 || (slot >> 24) == tag)
            {
                victim = i;
                break;
            }

            var age = MinutesSince(minute, slot);
            if (age > oldest)
                (oldest, victim) = (age, i);
        }

        Volatile.Write(ref _slots[victim], (tag << 24) | minute);
    }

    /// <summary>Whether <paramref name="number"/> was marked within <paramref name="minutes"/> before <paramref name="unixMs"/>; how long ago if so.</summary>
    public bool WasMarkedWithin(ulong number, long unixMs, float minutes, out float minutesAgo)
    {
        var hash = Hash(number);
        var set = (int)(hash & _mask);
        var tag = Tag(hash);
        minutesAgo = 0;
        for (var i = set; i < set + Ways; i++)
        {
            var slot = Volatile.Read(ref _slots[i]);
            if (slot == 0 || (slot >> 24) != tag)
                continue;

            minutesAgo = MinutesSince(Minute(unixMs) & MinuteMask, slot);
            return minutesAgo <= minutes;
        }

        return false;
    }

    /// <summary>The first slot of <paramref name="number"/>'s set (tests).</summary>
    internal int SetOf(ulong number) => (int)(Hash(number) & _mask);

    // Minutes wrap every 2^24 (32 years): compared modulo; a slot marked "in the future" (out-of-order time) is 0 minutes old.
    private static ulong MinutesSince(ulong minute, ulong slot)
    {
        var elapsed = (minute - (slot & MinuteMask)) & MinuteMask;
        return elapsed >= (1UL << 23) ? 0 : elapsed;
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
