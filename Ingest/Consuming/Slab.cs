namespace FraudStream.Ingest.Consuming;

/// <summary>
/// One array of a <see cref="SlabPool"/> that consumed values are copied into one after the other. Counted: one
/// reference per record in it and one for the pool's writer while it is being filled; it goes back to the pool
/// when the last is released, and only then can it be written again.
/// </summary>
internal sealed class Slab(int size)
{
    private int _references;

    public byte[] Buffer { get; } = GC.AllocateUninitializedArray<byte>(size);

    /// <summary>Bytes written so far (the pool's writer only).</summary>
    public int Used { get; set; }

    /// <summary>References not yet released.</summary>
    public int References => Volatile.Read(ref _references);

    /// <summary>Starts a fresh fill: the writer's reference alone.</summary>
    public void Open()
    {
        Used = 0;
        Volatile.Write(ref _references, 1);
    }

    public void AddReference() => Interlocked.Increment(ref _references);

    /// <summary>Releases <paramref name="count"/> references; true when none is left.</summary>
    public bool Release(int count)
    {
        var left = Interlocked.Add(ref _references, -count);
        if (left < 0)
            ThrowOverReleased();
        return left == 0;
    }

    private static void ThrowOverReleased()
        => throw new InvalidOperationException("a slab was released more times than it was referenced: its bytes may already be reused");
}
