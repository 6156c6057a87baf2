using System.Numerics;
using FraudStream.Scoring.Memory;

namespace FraudStream.Scoring.Features;

/// <summary>
/// When a number last dealt with a counterpart, and how often lately: a table of 64-bit slots (24-bit tag,
/// 24-bit minute, 16-bit decayed count) in buckets of four, fixed in size whatever the traffic. A new pair
/// takes an empty slot of its bucket, or the one touched longest ago, so a pair that recurs every few days is
/// not pushed out by a busier pair that happens to share its slot (the direct-mapped table before lost 8 % of
/// the pairs of a week's traffic that way, and with them "this relative abroad has called before").
/// "First contact" means "not seen while the table held it": weeks at the default size for a pair in use.
/// Shared by the partitions of one side: slots are read and written whole (atomic on 64-bit); a rare race
/// between two partitions can blur a count or store one pair twice in a bucket, never corrupt a slot.
/// </summary>
public sealed class PairRecency
{
    private const ulong Tag = 0xFFFFFF;
    private const int Ways = 4;
    private readonly ulong[] _slots;
    private readonly int _base;
    private readonly ulong _mask;
    private uint _oldestSecond = uint.MaxValue;

    public PairRecency(int bits = 22)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 30);
        // Pinned and aligned so that a bucket (32 bytes) never straddles two cache lines.
        _slots = HugePageArray.Allocate<ulong>((1 << bits) + Ways);
        unsafe
        {
            var address = (nuint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _slots[0]);
            _base = (int)(((Ways * sizeof(ulong)) - (address % (Ways * sizeof(ulong)))) % (Ways * sizeof(ulong)) / sizeof(ulong));
        }

        _mask = ((1UL << bits) - 1) & ~(ulong)(Ways - 1);
    }

    /// <summary>
    /// The earliest event time (seconds since <see cref="FeatureExtractor.Epoch"/>) the table was told of; <see cref="uint.MaxValue"/>
    /// before the first. How far back "first contact" can mean anything: right after a start every pair is new.
    /// </summary>
    public uint OldestSecond => Volatile.Read(ref _oldestSecond);

    /// <summary>Bytes the table holds.</summary>
    public long Bytes => _slots.LongLength * sizeof(ulong);

    /// <summary>
    /// Records one event between <paramref name="number"/> and <paramref name="counterpart"/> at
    /// <paramref name="second"/>; says whether the pair is new (never seen, or not within the last hour)
    /// and how many events it had in the last hour, this one included. Returns the minute (since
    /// <see cref="FeatureExtractor.Epoch"/>) of the pair's latest event before this one, <see cref="uint.MaxValue"/> for a first contact.
    /// </summary>
    public uint Touch(ulong number, ulong counterpart, uint second, out bool firstContact, out bool newThisHour, out float events1h)
    {
        if (second < Volatile.Read(ref _oldestSecond))
            LowerOldest(second);

        var hash = Hash(number, counterpart);
        var bucket = _slots.AsSpan(_base + (int)(hash & _mask), Ways);
        var tag = ((hash >> 40) | 1) & Tag; // never 0, so an empty slot never matches
        var minute = second / 60;
        var way = Find(bucket, tag);
        uint previous;
        if (way >= 0)
        {
            var current = Volatile.Read(ref bucket[way]);
            var lastMinute = (uint)(current >> 16) & 0xFFFFFF;
            var elapsed = minute > lastMinute ? minute - lastMinute : 0;
            previous = lastMinute;
            firstContact = false;
            newThisHour = elapsed >= 60;
            events1h = ((float)BitConverter.UInt16BitsToHalf((ushort)current) * Windows.Hour(elapsed * 60)) + 1;
            minute = Math.Max(minute, lastMinute);
        }
        else
        {
            way = Victim(bucket);
            previous = uint.MaxValue;
            firstContact = true;
            newThisHour = true;
            events1h = 1;
        }

        var count = BitConverter.HalfToUInt16Bits((Half)Math.Min(events1h, 60_000f));
        Volatile.Write(ref bucket[way], (tag << 40) | ((ulong)(minute & 0xFFFFFF) << 16) | count);
        return previous;
    }

    /// <summary>
    /// Whether <paramref name="number"/> dealt with <paramref name="counterpart"/> while the table held the pair,
    /// without recording anything (e.g. the inbound side asking whether a subscriber ever called its caller).
    /// </summary>
    public bool Contains(ulong number, ulong counterpart)
    {
        var hash = Hash(number, counterpart);
        return Find(_slots.AsSpan(_base + (int)(hash & _mask), Ways), ((hash >> 40) | 1) & Tag) >= 0;
    }

    /// <summary>Hints the CPU to fetch the slot of the pair, a few events before <see cref="Touch"/>.</summary>
    public unsafe void Prefetch(ulong number, ulong counterpart)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref _slots[_base + (int)(Hash(number, counterpart) & _mask)]));
    }

    private void LowerOldest(uint second)
    {
        var current = Volatile.Read(ref _oldestSecond);
        while (second < current)
        {
            var seen = Interlocked.CompareExchange(ref _oldestSecond, second, current);
            if (seen == current)
                return;
            current = seen;
        }
    }

    private static int Find(Span<ulong> bucket, ulong tag)
    {
        for (var way = 0; way < Ways; way++)
        {
            var current = Volatile.Read(ref bucket[way]);
            if (current != 0 && (current >> 40) == tag)
                return way;
        }

        return -1;
    }

    // An empty slot, else the one touched longest ago.
    private static int Victim(Span<ulong> bucket)
    {
        var victim = 0;
        var oldest = uint.MaxValue;
        for (var way = 0; way < Ways; way++)
        {
            var current = Volatile.Read(ref bucket[way]);
            if (current == 0)
                return way;
            var minute = (uint)(current >> 16) & 0xFFFFFF;
            if (minute < oldest)
                (victim, oldest) = (way, minute);
        }

        return victim;
    }

    /// <summary>The pair's hash (also <see cref="Detectors.PursuitMemory"/>'s): bucket from the low bits, tag from the high.</summary>
    internal static ulong Hash(ulong a, ulong b)
    {
        var h = (a * 0x9E3779B97F4A7C15UL) ^ BitOperations.RotateLeft(b * 0xC2B2AE3D27D4EB4FUL, 31);
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }
}
