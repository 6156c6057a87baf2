namespace FraudStream.Ingest.Cdr;

/// <summary>
/// A fast 64-bit hash of short UTF-8 or UTF-16 keys (record ids, cell ids): FNV-1a over the code units
/// followed by MurmurHash3's fmix64 finaliser, which spreads FNV's weak high bits. Stable across processes,
/// so a value is the same in every instance of a consumer group. Not for adversarial inputs' hash flooding:
/// callers bound the tables they feed.
/// </summary>
public static class RecordHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<byte> utf8)
    {
        var hash = Offset;
        foreach (var b in utf8)
            hash = (hash ^ b) * Prime;
        return Mix(hash);
    }

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = Offset;
        foreach (var c in text)
            hash = (hash ^ c) * Prime;
        return Mix(hash);
    }

    /// <summary>
    /// The identity of a copy derived from the record of <paramref name="recordHash"/> (same recordId, another
    /// purpose): distinct from the original's, the same for every redelivery of the copy.
    /// </summary>
    public static ulong Derived(ulong recordHash) => Mix(recordHash ^ 0x5DEECE66DUL);

    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k == 0 ? 1 : k; // 0 means "absent" in CallEvent
    }
}
