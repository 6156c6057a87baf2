using Confluent.Kafka;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Copies each consumed value out of librdkafka's buffer into a pooled slab instead of an array of its own
/// (Confluent.Kafka's <c>byte[]</c> deserializer allocates one per record: measured 250-500 B per CDR in phase B
/// of <c>bench --quick</c>). Confluent.Kafka calls <see cref="Deserialize"/> on the poll thread, inside
/// <c>Consume</c>, with a span over the native message it destroys right after: the copy is the only one.
/// </summary>
/// <remarks>
/// A slab returns to the pool only when every record copied into it has been released (<see cref="SlabRelease"/>:
/// when its offset is released for storing, i.e. all it caused is acknowledged), so nothing that still reads a
/// record's bytes (its <see cref="Cdr.RecordId"/>, its dead letter, the handler's batch) can see them overwritten.
/// A record never released (a lost partition's unprocessed buffer) only keeps its slab out of the pool: the
/// garbage collector takes it, and the pool makes a new one.
/// </remarks>
internal sealed class SlabPool : IDeserializer<ConsumedBytes>
{
    /// <summary>Slab size: a few frames of the callee topic (up to <see cref="Frames.FrameFormat.TargetFrameBytes"/>) or thousands of CDRs.</summary>
    public const int DefaultSlabBytes = 1024 * 1024;

    private readonly Stack<Slab> _free = new();
    private readonly int _slabBytes;
    private readonly int _maxFree;
    private Slab? _current;
    private long _created;

    public SlabPool(int slabBytes = DefaultSlabBytes, int maxFree = 64)
    {
        _slabBytes = slabBytes;
        _maxFree = maxFree;
    }

    /// <summary>Slabs made so far (a slab reused does not count).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Slabs back in the pool, ready for reuse.</summary>
    public int Free
    {
        get
        {
            lock (_free)
                return _free.Count;
        }
    }

    public ConsumedBytes Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        => isNull ? default : Copy(data);

    /// <summary>Copies <paramref name="data"/> into the slab being filled (poll thread only); the record holds a reference until released.</summary>
    public ConsumedBytes Copy(ReadOnlySpan<byte> data)
    {
        if (data.Length > _slabBytes / 2)
            return new ConsumedBytes(data.ToArray(), 0, data.Length, null); // rare (a frame past its target size): not worth a slab

        var slab = _current;
        if (slab is null || _slabBytes - slab.Used < data.Length)
        {
            if (slab is not null)
                Release(slab, 1); // the writer's reference: the slab is full
            slab = _current = Rent();
        }

        var at = slab.Used;
        data.CopyTo(slab.Buffer.AsSpan(at));
        slab.Used = at + data.Length;
        slab.AddReference();
        return new ConsumedBytes(slab.Buffer, at, data.Length, slab);
    }

    /// <summary>Releases one record's reference (a record no worker tracks: dropped before it reached one).</summary>
    public void Release(in ConsumedBytes value)
    {
        if (value.Slab is { } slab)
            Release(slab, 1);
    }

    /// <summary>Releases <paramref name="count"/> records' references to <paramref name="slab"/> (any thread).</summary>
    public void Release(Slab slab, int count)
    {
        if (!slab.Release(count))
            return;
        lock (_free)
        {
            if (_free.Count < _maxFree)
                _free.Push(slab);
        }
    }

    private Slab Rent()
    {
        Slab? slab;
        lock (_free)
            _free.TryPop(out slab);
        if (slab is null)
        {
            slab = new Slab(_slabBytes);
            Interlocked.Increment(ref _created);
        }

        slab.Open();
        return slab;
    }
}
