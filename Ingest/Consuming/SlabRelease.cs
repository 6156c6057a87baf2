namespace FraudStream.Ingest.Consuming;

/// <summary>
/// A partition worker's records whose bytes are in pooled slabs, in offset order, until their offset is released
/// for storing: then every record before it is done (its outputs acknowledged) and its slab reference goes back.
/// Used by the worker's own flow only.
/// </summary>
internal sealed class SlabRelease(SlabPool pool)
{
    private readonly Queue<(long Offset, Slab Slab)> _held = new();

    /// <summary>Records held.</summary>
    public int Count => _held.Count;

    public void Track(long offset, in ConsumedBytes value)
    {
        if (value.Slab is { } slab)
            _held.Enqueue((offset, slab));
    }

    /// <summary>Releases every record before <paramref name="nextOffset"/>; consecutive records of one slab in one step.</summary>
    public void ReleaseBefore(long nextOffset)
    {
        Slab? run = null;
        var count = 0;
        while (_held.TryPeek(out var held) && held.Offset < nextOffset)
        {
            _held.Dequeue();
            if (!ReferenceEquals(held.Slab, run))
            {
                if (run is not null)
                    pool.Release(run, count);
                (run, count) = (held.Slab, 0);
            }

            count++;
        }

        if (run is not null)
            pool.Release(run, count);
    }
}
