namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Pursuits a caller keeps up for hours: pairs whose first contact (as far as the pair memory reaches) was unwanted
/// — a text, a rejected, unanswered or short call — with every event since unwanted too, none more than a lapse
/// after the one before. A conversation ends the pursuit for good: the pair is no stranger's any more. Counts the
/// unwanted events per pair; <see cref="HarassmentDetector"/> reads them, so that a harasser calling a few times an
/// hour, in bursts over a day, is named although no single hour holds enough calls.
/// A 4-way set-associative table of 64-bit slots (24-bit tag, 24-bit minute of the last event, 16-bit count), fixed
/// in size and allocated on the first pursuit; a new pursuit takes the slot of its set touched longest ago. It must
/// hold a pursuit for a day among every other unwanted first contact (a partition of the held-out world starts about
/// 10,000 an hour; a per-partition table of 16,384 slots forgot harassers between their bursts), so it is shared by
/// the caller side's partitions like <see cref="Features.PairRecency"/>: slots are read and written whole, and a pair is
/// only ever touched by its caller's partition; partitions meet only in a set's eviction, as in the pair memory.
/// </summary>
public sealed class PursuitMemory(int bits = 20)
{
    private const ulong MinuteMask = 0xFFFFFF;
    private const int Ways = 4;
    private readonly int _bits = bits is >= 4 and <= 24 ? bits : throw new ArgumentOutOfRangeException(nameof(bits), bits, "expected 4 to 24");
    private ulong[]? _slots;

    /// <summary>Starts the pursuit of <paramref name="callee"/> by <paramref name="caller"/> at its first, unwanted event.</summary>
    public void Start(ulong caller, ulong callee, long unixMs)
    {
        var slots = _slots ?? Allocate();
        var (set, tag) = Locate(caller, callee);
        var minute = Minute(unixMs);
        var victim = set;
        var oldest = 0UL;
        for (var i = set; i < set + Ways; i++)
        {
            var slot = Volatile.Read(ref slots[i]);
            if (slot == 0 || (slot >> 40) == tag)
            {
                victim = i;
                break;
            }

            var age = MinutesSince(minute, slot);
            if (age >= oldest)
                (oldest, victim) = (age, i);
        }

        Volatile.Write(ref slots[victim], Slot(tag, minute, 1));
    }

    /// <summary>
    /// A later event of the pair: the unwanted events of the pursuit so far, this one included, or 0 when there is
    /// no pursuit (never started, ended by a conversation, or pushed out). An event <paramref name="lapseMinutes"/>
    /// or more after the one before starts the count again; a wanted event (<paramref name="unwanted"/> false) ends it.
    /// </summary>
    public int Continue(ulong caller, ulong callee, long unixMs, bool unwanted, int lapseMinutes)
    {
        var i = Find(caller, callee, out var slots);
        if (i < 0)
            return 0;

        var slot = Volatile.Read(ref slots[i]);
        if (!unwanted)
        {
            Volatile.Write(ref slots[i], 0);
            return 0;
        }

        var elapsed = MinutesSince(Minute(unixMs), slot);
        var count = elapsed >= (ulong)lapseMinutes ? 1 : Math.Min((int)(slot & 0xFFFF) + 1, ushort.MaxValue);
        Volatile.Write(ref slots[i], Slot(slot >> 40, ((slot >> 16) & MinuteMask) + elapsed, count));
        return count;
    }

    /// <summary>The pursuit's count so far without recording an event (0: none).</summary>
    public int Peek(ulong caller, ulong callee)
    {
        var i = Find(caller, callee, out var slots);
        return i < 0 ? 0 : (int)(Volatile.Read(ref slots[i]) & 0xFFFF);
    }

    /// <summary>
    /// Asks the CPU to fetch the pair's set (a few events ahead, like the pair slots): once the table is allocated,
    /// every later event of a known pair looks it up, a likely cache miss in 8 MB. Nothing before the first pursuit.
    /// </summary>
    public unsafe void Prefetch(ulong caller, ulong callee)
    {
        var slots = Volatile.Read(ref _slots);
        if (slots is null || !System.Runtime.Intrinsics.X86.Sse.IsSupported)
            return;
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref slots[Locate(caller, callee).Set]));
    }

    /// <summary>Bytes the table holds (0 until the first pursuit).</summary>
    public long Bytes => (Volatile.Read(ref _slots)?.LongLength ?? 0) * sizeof(ulong);

    private ulong[] Allocate()
    {
        Interlocked.CompareExchange(ref _slots, new ulong[1 << _bits], null);
        return _slots!;
    }

    // The pair's slot, or -1 when it holds no pursuit.
    private int Find(ulong caller, ulong callee, out ulong[] slots)
    {
        slots = Volatile.Read(ref _slots)!;
        if (slots is null)
            return -1;

        var (set, tag) = Locate(caller, callee);
        for (var i = set; i < set + Ways; i++)
        {
            var slot = Volatile.Read(ref slots[i]);
            if (slot != 0 && (slot >> 40) == tag)
                return i;
        }

        return -1;
    }

    /// <summary>The first slot of the pair's set (tests).</summary>
    internal int SetOf(ulong caller, ulong callee) => Locate(caller, callee).Set;

    private (int Set, ulong Tag) Locate(ulong caller, ulong callee)
    {
        var h = Features.PairRecency.Hash(caller, callee);
        var mask = ((1UL << _bits) - 1) & ~(ulong)(Ways - 1);
        return ((int)(h & mask), ((h >> 40) | 1) & 0xFFFFFF);
    }

    private static ulong Slot(ulong tag, ulong minute, int count) => (tag << 40) | ((minute & MinuteMask) << 16) | (uint)count;

    // Minutes wrap every 2^24 (32 years): compared modulo; an event "before" the slot's (out of order) is 0 minutes after it.
    private static ulong MinutesSince(ulong minute, ulong slot)
    {
        var elapsed = (minute - ((slot >> 16) & MinuteMask)) & MinuteMask;
        return elapsed >= (1UL << 23) ? 0 : elapsed;
    }

    private static ulong Minute(long unixMs) => (ulong)(unixMs / 60_000) & MinuteMask;
}
