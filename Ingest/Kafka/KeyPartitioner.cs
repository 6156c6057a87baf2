namespace FraudStream.Ingest.Kafka;

/// <summary>
/// The partition librdkafka's default partitioner (<c>consistent_random</c>, which FraudStream's producers keep)
/// gives a non-empty key: CRC-32 (IEEE, as zlib) of the key bytes modulo the partition count. A stage that packs
/// records for one partition into one message picks that partition itself with this, so each record lands where it
/// would have landed keyed alone.
/// </summary>
public static class KeyPartitioner
{
    private static readonly uint[] s_table = Table();

    public static int ConsistentRandom(ReadOnlySpan<byte> key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return (int)(Crc32(key) % (uint)partitions);
    }

    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var table = s_table;
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] Table()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }

        return table;
    }
}
