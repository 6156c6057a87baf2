using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using FraudStream.Scoring.Memory;

namespace FraudStream.Scoring.Features;

/// <summary>
/// The states of one side of one partition in ONE open-addressing array that holds each number's key and
/// state inline (linear probing, backward-shift deletion, no tombstones): a lookup touches one or two cache
/// lines instead of a map's bucket, entry and a separate state slab. The array grows by 1.5× at 85% load,
/// so it is between 57% and 85% full — 104 to 155 bytes per number for 96-byte states. Idle numbers are
/// evicted by an incremental sweep. Single-threaded: one partition worker owns it.
/// </summary>
internal sealed class NumberStateTable
{
    private const int MinCapacity = 1024;
    private const int SweepEvery = 256;
    private const int SweepSlots = 64;

    private readonly uint _idleSeconds;
    private NumberState[] _slots;
    private int _count;
    private int _sweepCursor;
    private int _touches;
    private uint _newestSecond;

    public NumberStateTable(TimeSpan idleAfter, int expectedNumbers = 0)
    {
        _idleSeconds = (uint)idleAfter.TotalSeconds;
        _slots = HugePageArray.Allocate<NumberState>(Math.Max(MinCapacity, (int)Math.Min(int.MaxValue / 2, (long)(expectedNumbers / 0.8))));
    }

    /// <summary>Numbers tracked now.</summary>
    public int Count => _count;

    /// <summary>Bytes the slot array holds.</summary>
    public long Bytes => (long)_slots.Length * Unsafe.SizeOf<NumberState>();

    /// <summary>Hints the CPU to fetch <paramref name="number"/>'s home slot, a few events before it is needed.</summary>
    /// <remarks>
    /// A slot is 96 bytes, so it spans two or three cache lines, and a lookup that probes on reads the next
    /// slot's number just after it: three lines from the home slot's start cover both. Prefetching never
    /// faults, even past the array's end.
    /// </remarks>
    public unsafe void Prefetch(ulong number)
    {
        if (!Sse.IsSupported)
            return;
        var slot = (byte*)Unsafe.AsPointer(ref _slots[Home(number, _slots.Length)]);
        Sse.Prefetch0(slot);
        Sse.Prefetch0(slot + 64);
        Sse.Prefetch0(slot + 128);
    }

    /// <summary>The state of <paramref name="number"/>, created empty (decayed to <paramref name="second"/>) if absent.</summary>
    public ref NumberState GetOrAdd(ulong number, uint second) => ref GetOrAdd(number, second, out _);

    /// <summary>As <see cref="GetOrAdd(ulong, uint)"/>; <paramref name="added"/> says the state is new (the number was not tracked).</summary>
    public ref NumberState GetOrAdd(ulong number, uint second, out bool added)
    {
        added = false;
        if (second > _newestSecond)
            _newestSecond = second;
        if (++_touches % SweepEvery == 0)
            Sweep();

        var slots = _slots;
        var i = Home(number, slots.Length);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Number == number)
                return ref slot;
            if (slot.Number == 0)
                break;
            i = Next(i, slots.Length);
        }

        if (_count + 1 > (long)slots.Length * 85 / 100)
        {
            Grow();
            return ref GetOrAdd(number, second, out added);
        }

        ref var fresh = ref slots[i];
        fresh = default;
        fresh.Number = number;
        fresh.LastSecond = second;
        _count++;
        added = true;
        return ref fresh;
    }

    private void Sweep()
    {
        // Examines SweepSlots slots; a removal pulls a later entry into the cursor's slot, which is then
        // examined again without counting, so evictions never slow the sweep's progress (bounded all the same).
        var slots = _slots;
        var removed = 0;
        for (var examined = 0; examined < SweepSlots && removed < 4 * SweepSlots;)
        {
            if (_sweepCursor >= slots.Length)
                _sweepCursor = 0;

            ref var state = ref slots[_sweepCursor];
            if (state.Number != 0 && _newestSecond > state.LastSecond && _newestSecond - state.LastSecond > _idleSeconds)
            {
                Remove(_sweepCursor);
                removed++;
            }
            else
            {
                _sweepCursor++;
                examined++;
            }
        }
    }

    private void Remove(int hole)
    {
        // Backward-shift deletion: pull later members of the probe run into the hole so no lookup ever
        // stops early at it, and no tombstone is needed.
        var slots = _slots;
        var j = hole;
        while (true)
        {
            j = Next(j, slots.Length);
            if (slots[j].Number == 0)
                break;
            var home = Home(slots[j].Number, slots.Length);
            var stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (!stays)
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }

        slots[hole] = default;
        _count--;
    }

    private void Grow()
    {
        var old = _slots;
        var slots = HugePageArray.Allocate<NumberState>(checked((int)Math.Min(Array.MaxLength, old.Length * 3L / 2)));
        foreach (ref readonly var state in old.AsSpan())
        {
            if (state.Number == 0)
                continue;
            var i = Home(state.Number, slots.Length);
            while (slots[i].Number != 0)
                i = Next(i, slots.Length);
            slots[i] = state;
        }

        _slots = slots;
        _sweepCursor = 0;
    }

    private static int Next(int i, int length) => ++i == length ? 0 : i;

    private static int Home(ulong number, int length)
    {
        // Fibonacci hashing then Lemire's multiply-shift range reduction: any length, no modulo.
        var hash = number * 0x9E3779B97F4A7C15UL;
        return (int)Math.BigMul(hash, (ulong)length, out _);
    }
}
