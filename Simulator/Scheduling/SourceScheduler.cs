using FraudStream.Simulator.Records;

namespace FraudStream.Simulator.Scheduling;

/// <summary>
/// Merges the sources into one stream in non-decreasing time: a binary min-heap on (NextTime, Order). The heap
/// is small (a few legitimate sources plus one per fraud actor), so each event costs a few comparisons.
/// </summary>
internal sealed class SourceScheduler
{
    private TrafficSource[] _heap = new TrafficSource[16];
    private int _count;

    public void Add(TrafficSource source)
    {
        source.Order = _count;
        if (_count == _heap.Length)
            Array.Resize(ref _heap, _count * 2);
        _heap[_count] = source;
        SiftUp(_count++);
    }

    /// <summary>Emits the earliest source's event into <paramref name="record"/>.</summary>
    public void Emit(ref CallRecord record)
    {
        record = default;
        var top = _heap[0];
        record.TimeMs = top.NextTime;
        top.Emit(ref record);
        SiftDown(0);
    }

    private static bool Before(TrafficSource a, TrafficSource b)
        => a.NextTime < b.NextTime || (a.NextTime == b.NextTime && a.Order < b.Order);

    private void SiftUp(int i)
    {
        var item = _heap[i];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Before(item, _heap[parent]))
                break;
            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = item;
    }

    private void SiftDown(int i)
    {
        var item = _heap[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= _count)
                break;
            if (child + 1 < _count && Before(_heap[child + 1], _heap[child]))
                child++;
            if (!Before(_heap[child], item))
                break;
            _heap[i] = _heap[child];
            i = child;
        }

        _heap[i] = item;
    }
}
