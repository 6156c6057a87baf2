using System.Numerics;

namespace FraudStream.Scoring.Features;

/// <summary>
/// When a number last dealt with a counterpart, and how often lately: a direct-mapped table of 64-bit slots
/// (24-bit tag, 24-bit minute, 16-bit decayed count), fixed in size whatever the traffic. A pair whose slot
/// was taken by another pair since counts as new again, so "first contact" means "not seen while the table
/// held it" — days at the default size. Shared by the partitions of one side: slots are read and written
/// whole (atomic on 64-bit), and a rare lost update between two partitions only blurs a count.
/// </summary>
public sealed class PairRecency
{
    private const ulong Tag = 0xFFFFFF;
    private readonly ulong[] _slots;
    private readonly ulong _mask;

    public PairRecency(int bits = 22)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 30);
        _slots = new ulong[1 << bits];
        _mask = (1UL << bits) - 1;
    }

    /// <summary>Bytes the table holds.</summary>
    public long Bytes => _slots.LongLength * sizeof(ulong);

    /// <summary>
    /// Records one event between <paramref name="number"/> and <paramref name="counterpart"/> at
    /// <paramref name="second"/>; says whether the pair is new (never seen, or not within the last hour)
    /// and how many events it had in the last hour, this one included.
    /// </summary>
    public void Touch(ulong number, ulong counterpart, uint second, out bool firstContact, out bool newThisHour, out float events1h)
    {
        var hash = Hash(number, counterpart);
        ref var slot = ref _slots[hash & _mask];
        var tag = (hash >> 40) | 1; // never 0, so an empty slot never matches
        var minute = second / 60;
        var current = Volatile.Read(ref slot);

        if ((current >> 40) == (tag & Tag) && current != 0)
        {
            var lastMinute = (uint)(current >> 16) & 0xFFFFFF;
            var elapsed = minute > lastMinute ? minute - lastMinute : 0;
            firstContact = false;
            newThisHour = elapsed >= 60;
            events1h = ((float)BitConverter.UInt16BitsToHalf((ushort)current) * Windows.Hour(elapsed * 60)) + 1;
            minute = Math.Max(minute, lastMinute);
        }
        else
        {
            firstContact = true;
            newThisHour = true;
            events1h = 1;
        }

        var count = BitConverter.HalfToUInt16Bits((Half)Math.Min(events1h, 60_000f));
        Volatile.Write(ref slot, ((tag & Tag) << 40) | ((ulong)(minute & 0xFFFFFF) << 16) | count);
    }

    /// <summary>
    /// Whether <paramref name="number"/> dealt with <paramref name="counterpart"/> while the table held the pair,
    /// without recording anything (e.g. the inbound side asking whether a subscriber ever called its caller).
    /// </summary>
    public bool Contains(ulong number, ulong counterpart)
    {
        var hash = Hash(number, counterpart);
        var current = Volatile.Read(ref _slots[hash & _mask]);
        return current != 0 && (current >> 40) == (((hash >> 40) | 1) & Tag);
    }

    /// <summary>Hints the CPU to fetch the slot of the pair, a few events before <see cref="Touch"/>.</summary>
    public unsafe void Prefetch(ulong number, ulong counterpart)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref _slots[Hash(number, counterpart) & _mask]));
    }

    private static ulong Hash(ulong a, ulong b)
    {
        var h = (a * 0x9E3779B97F4A7C15UL) ^ BitOperations.RotateLeft(b * 0xC2B2AE3D27D4EB4FUL, 31);
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }
}
