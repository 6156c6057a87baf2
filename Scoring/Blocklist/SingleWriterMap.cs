using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using FraudStream.Scoring.Memory;

namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// An open-addressing hash map from a non-zero <see cref="ulong"/> key to a non-zero <see cref="ulong"/>
/// value, 16 bytes a slot, for one writer and any number of lock-free readers.
/// </summary>
/// <remarks>
/// <para>
/// Why readers never see a torn or mismatched entry without a lock or a seqlock: within one slot array a
/// key, once written, never changes. A removal writes value 0 (a tombstone) and keeps the key, so the
/// probe chains readers walk never break and a slot never changes owner. The value is one 64-bit word,
/// written and read atomically, so a reader sees either the old or the new value of its own key, never
/// half of one or another key's. An insert writes the value before publishing the key (release), a
/// reader reads the key before the value (acquire).
/// </para>
/// <para>
/// Tombstones are dropped when the writer rebuilds the array (growth, or too many tombstones): it fills a
/// new array and publishes it with one reference write. Readers that still hold the old array read a
/// consistent, briefly stale snapshot; the writer never touches an array after replacing it.
/// </para>
/// <para>Only one thread may call <see cref="Set"/> and <see cref="Remove"/> at a time (the replica serialises them with a lock).</para>
/// </remarks>
internal sealed class SingleWriterMap
{
    private const int MinCapacity = 16;
    private const ulong Fibonacci = 0x9E3779B97F4A7C15;

    // Slots in use (live + tombstones) may fill at most 3/4 of the array; a rebuild leaves live <= 1/2.
    private Slot[] _slots;
    private int _live;
    private int _used;

    /// <param name="expected">Entries to make room for before the first rebuild.</param>
    public SingleWriterMap(int expected = 0)
    {
        _slots = HugePageArray.Allocate<Slot>(CapacityFor(((long)expected * 4 / 3) + 1));
    }

    /// <summary>Live entries.</summary>
    public int Count => Volatile.Read(ref _live);

    /// <summary>Slots in the current array.</summary>
    public int Capacity => Volatile.Read(ref _slots).Length;

    /// <summary>Bytes the slot array occupies: 16 per slot plus the 24-byte array header of 64-bit .NET.</summary>
    public long Bytes => ((long)Capacity * Unsafe.SizeOf<Slot>()) + 24;

    /// <summary>Reads the value of <paramref name="key"/>; lock-free and allocation-free, safe during writes.</summary>
    public bool TryGetValue(ulong key, out ulong value)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        var i = Home(key, slots.Length);
        while (true)
        {
            ref var slot = ref slots[i];
            var k = Volatile.Read(ref slot.Key);
            if (k == key)
            {
                value = Volatile.Read(ref slot.Value);
                return value != 0;
            }

            if (k == 0)
            {
                value = 0;
                return false;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>
    /// Hints the CPU to fetch <paramref name="key"/>'s home slot, a few lookups before they are made: at millions
    /// of entries nearly every lookup misses the cache, and misses requested together overlap.
    /// </summary>
    public unsafe void Prefetch(ulong key)
    {
        if (!Sse.IsSupported)
            return;
        var slots = Volatile.Read(ref _slots);
        Sse.Prefetch0(Unsafe.AsPointer(ref slots[Home(key, slots.Length)]));
    }

    /// <summary>Adds or replaces (writer only).</summary>
    public void Set(ulong key, ulong value)
    {
        if (key == 0)
            ThrowZero(nameof(key));
        if (value == 0)
            ThrowZero(nameof(value));

        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(key, slots.Length);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Key == key)
            {
                if (slot.Value == 0)
                    _live++;
                Volatile.Write(ref slot.Value, value);
                return;
            }

            if (slot.Key == 0)
            {
                slot.Value = value;
                Volatile.Write(ref slot.Key, key);
                _live++;
                _used++;
                if (_used > slots.Length / 4 * 3)
                    Rebuild();
                return;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Removes <paramref name="key"/> (writer only); false when it was not there.</summary>
    public bool Remove(ulong key)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(key, slots.Length);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Key == key)
            {
                if (slot.Value == 0)
                    return false;
                Volatile.Write(ref slot.Value, 0UL);
                _live--;
                return true;
            }

            if (slot.Key == 0)
                return false;

            i = (i + 1) & mask;
        }
    }

    private void Rebuild()
    {
        var old = _slots;
        var rebuilt = HugePageArray.Allocate<Slot>(CapacityFor(Math.Max(_live, 1) * 2L));
        var mask = rebuilt.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key == 0 || slot.Value == 0)
                continue;
            var i = Home(slot.Key, rebuilt.Length);
            while (rebuilt[i].Key != 0)
                i = (i + 1) & mask;
            rebuilt[i] = slot;
        }

        _used = _live;
        // Publishes every write above (release): a reader that sees the new array sees it filled.
        Volatile.Write(ref _slots, rebuilt);
    }

    private static int Home(ulong key, int length)
        => (int)((key * Fibonacci) >> (64 - BitOperations.TrailingZeroCount(length)));

    private static int CapacityFor(long entries)
    {
        if (entries > 1 << 29)
            throw new InvalidOperationException($"{entries} entries exceed what one map holds (2^29)");
        return (int)Math.Max(MinCapacity, BitOperations.RoundUpToPowerOf2((ulong)entries));
    }

    [DoesNotReturn]
    private static void ThrowZero(string name) => throw new ArgumentOutOfRangeException(name, "0 is reserved (empty slot / removed entry)");

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong Key;
        public ulong Value;
    }
}
