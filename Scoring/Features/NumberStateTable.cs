namespace FraudStream.Scoring.Features;

/// <summary>
/// The states of one side of one partition: a number → slot map over a paged slab (no 2× copy on growth, no
/// per-number object), with idle numbers evicted by an incremental sweep so memory follows the active set.
/// Single-threaded by design: one partition worker owns it.
/// </summary>
internal sealed class NumberStateTable
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;
    private const int SweepEvery = 256;
    private const int SweepSlots = 64;

    private readonly Dictionary<ulong, int> _slots;
    private readonly List<NumberState[]> _pages = [];
    private readonly Stack<int> _free = new();
    private readonly uint _idleSeconds;
    private int _used;
    private int _sweepCursor;
    private int _touches;
    private uint _newestSecond;

    public NumberStateTable(TimeSpan idleAfter, int expectedNumbers = 0)
    {
        _idleSeconds = (uint)idleAfter.TotalSeconds;
        _slots = new Dictionary<ulong, int>(expectedNumbers);
    }

    /// <summary>Numbers tracked now.</summary>
    public int Count => _slots.Count;

    /// <summary>Bytes held by the slab pages (the map's own arrays come on top; see the memory benchmark).</summary>
    public long SlabBytes => (long)_pages.Count * PageSize * System.Runtime.CompilerServices.Unsafe.SizeOf<NumberState>();

    /// <summary>The state of <paramref name="number"/>, created empty (decayed to <paramref name="second"/>) if absent.</summary>
    public ref NumberState GetOrAdd(ulong number, uint second)
    {
        if (second > _newestSecond)
            _newestSecond = second;
        if (++_touches % SweepEvery == 0)
            Sweep();

        if (!_slots.TryGetValue(number, out var slot))
        {
            slot = _free.Count > 0 ? _free.Pop() : _used++;
            if (slot >> PageBits == _pages.Count)
                _pages.Add(new NumberState[PageSize]);
            _slots.Add(number, slot);
            ref var fresh = ref At(slot);
            fresh = default;
            fresh.Number = number;
            fresh.LastSecond = second;
            return ref fresh;
        }

        return ref At(slot);
    }

    private ref NumberState At(int slot) => ref _pages[slot >> PageBits][slot & (PageSize - 1)];

    private void Sweep()
    {
        if (_used == 0)
            return;

        for (var i = 0; i < SweepSlots; i++)
        {
            if (_sweepCursor >= _used)
                _sweepCursor = 0;

            ref var state = ref At(_sweepCursor);
            if (state.Number != 0 && _newestSecond - state.LastSecond > _idleSeconds && _newestSecond > state.LastSecond)
            {
                _slots.Remove(state.Number);
                state.Number = 0;
                _free.Push(_sweepCursor);
            }

            _sweepCursor++;
        }
    }
}
