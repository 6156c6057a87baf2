namespace FraudStream.Ingest.Consuming;

/// <summary>
/// A consumed record's value: a slice of a pooled slab the poll thread copied it into (see <see cref="SlabPool"/>),
/// not an array of its own. Valid until the record's offset is released for storing; nothing may keep it longer.
/// </summary>
public readonly struct ConsumedBytes
{
    internal ConsumedBytes(byte[] array, int offset, int length, Slab? slab)
    {
        Array = array;
        Offset = offset;
        Length = length;
        Slab = slab;
    }

    /// <summary>The array the bytes are in (a slab, or the record's own array); null for a null value.</summary>
    internal byte[]? Array { get; }

    internal int Offset { get; }

    /// <summary>The pooled slab holding the bytes, which the record keeps from reuse until released; null if unpooled.</summary>
    internal Slab? Slab { get; }

    public int Length { get; }

    /// <summary>The value was null (a tombstone), not merely empty.</summary>
    public bool IsNull => Array is null;

    public ReadOnlySpan<byte> Span => Array is null ? default : Array.AsSpan(Offset, Length);

    /// <summary>A copy of its own (for what outlives the record, such as a dead letter); null for a null value.</summary>
    public byte[]? ToArrayOrNull() => Array is null ? null : Span.ToArray();
}
