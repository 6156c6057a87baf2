using System.Numerics;
using FraudStream.Scoring.Memory;

namespace FraudStream.Scoring.Features;

/// <summary>
/// Since when a number has been placing calls, as far as this process has seen: a table of 64-bit slots (40-bit
/// tag, 24-bit hour of first sight) in buckets of four, fixed in size. Written when a number's streaming state is
/// created (once per active spell, not per event) and read by the rules that must tell an established line from a
/// SIM new to the network — a SIM box's SIMs are fresh, an office call centre's line is not. A full bucket gives up
/// its most recent entry: a number forgotten is merely new again, which is what every number is after a restart.
/// Shared by the partitions of one side; slots are read and written whole.
/// </summary>
public sealed class NumberAge
{
    private const int Ways = 4;
    private const ulong HourMask = 0xFFFFFF;
    private readonly ulong[] _slots;
    private readonly int _mask;

    public NumberAge(int bits = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 30);
        _slots = HugePageArray.Allocate<ulong>(1 << bits);
        _mask = ((1 << bits) - 1) & ~(Ways - 1);
    }

    /// <summary>Bytes the table holds.</summary>
    public long Bytes => _slots.LongLength * sizeof(ulong);

    /// <summary>Records that <paramref name="number"/> was active at <paramref name="second"/>, unless it was seen before.</summary>
    public void Saw(ulong number, uint second)
    {
        var hash = Hash(number);
        var bucket = _slots.AsSpan((int)hash & _mask, Ways);
        var tag = Tag(hash);
        var newest = 0;
        var newestHour = 0UL;
        for (var way = 0; way < Ways; way++)
        {
            var current = Volatile.Read(ref bucket[way]);
            if (current == 0)
            {
                newest = way;
                newestHour = ulong.MaxValue;
                break;
            }

            if ((current >> 24) == tag)
                return;
            if ((current & HourMask) >= newestHour)
                (newest, newestHour) = (way, current & HourMask);
        }

        Volatile.Write(ref bucket[newest], (tag << 24) | ((second / 3600) & HourMask));
    }

    /// <summary>Whether <paramref name="number"/> was first seen at least <paramref name="hours"/> before <paramref name="second"/>.</summary>
    public bool KnownFor(ulong number, uint second, int hours)
    {
        var hash = Hash(number);
        var bucket = _slots.AsSpan((int)hash & _mask, Ways);
        var tag = Tag(hash);
        for (var way = 0; way < Ways; way++)
        {
            var current = Volatile.Read(ref bucket[way]);
            if (current != 0 && (current >> 24) == tag)
                return (second / 3600) >= (current & HourMask) + (ulong)hours;
        }

        return false;
    }

    // Never 0, so an empty slot never matches.
    private static ulong Tag(ulong hash) => ((hash >> 24) | 1) & 0xFF_FFFF_FFFF;

    private static ulong Hash(ulong number)
    {
        var h = number * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return h ^ BitOperations.RotateRight(h, 32);
    }
}
