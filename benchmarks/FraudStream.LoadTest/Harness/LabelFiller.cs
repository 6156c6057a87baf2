using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Writes many labels into a Redis quickly, for the replica to load through its real full load: pipelined
/// HSETs in the blocklist's hash layout over a plain RESP connection (about twice what StackExchange.Redis 1.2.6
/// pipelined here; 3.4.35 measured the same as 1.2.6 on pipelined GETs; Redis itself is then the limit). Not the audited change path that <c>labels add</c> uses:
/// that also writes a change-log and an audit entry per label, which a full load does not read.
/// Numbers are in +86 170 xxxx xxxx, a block no simulated subscriber uses, so these labels only make the
/// replica big: the simulated traffic looks them up and misses, like most calls in a real network.
/// </summary>
internal static class LabelFiller
{
    public const ulong Base = 8617000000000;
    private const int Window = 10_000;

    /// <summary>The <paramref name="index"/>-th filler number: a fixed scatter over the block, distinct for distinct indexes below 10^8.</summary>
    public static ulong Number(long index) => Base + ((ulong)index * 48_271UL % 100_000_000UL);

    /// <summary>Writes filler labels <paramref name="from"/> to <paramref name="to"/> (exclusive) under <paramref name="keyPrefix"/>.</summary>
    public static async Task FillAsync(string hostPort, string keyPrefix, long from, long to, CancellationToken cancellationToken)
    {
        var colon = hostPort.LastIndexOf(':');
        using var client = new TcpClient();
        await client.ConnectAsync(hostPort[..colon], int.Parse(hostPort.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        await using var stream = client.GetStream();
        using var window = new SemaphoreSlim(Window);
        var replies = ReadRepliesAsync(stream, to - from, window, cancellationToken);
        var prefix = Encoding.ASCII.GetBytes(keyPrefix + "label:");
        var buffer = new byte[64 * 1024];
        var used = 0;
        for (var i = from; i < to; i++)
        {
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (used > buffer.Length - 512)
            {
                await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }

            used += Command(buffer.AsSpan(used), prefix, Number(i), i);
            if (window.CurrentCount == 0 || i == to - 1)
            {
                await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }
        }

        await replies.ConfigureAwait(false);
    }

    // HSET <prefix>label:<digits> cat spam|fraud src police act warn|block reason "case file 2026-117"
    private static int Command(Span<byte> destination, byte[] prefix, ulong number, long index)
    {
        Span<byte> key = stackalloc byte[prefix.Length + 20];
        prefix.CopyTo(key);
        Utf8Formatter.TryFormat(number, key[prefix.Length..], out var digits);
        key = key[..(prefix.Length + digits)];
        var fraud = index % 3 == 0;
        var p = 0;
        p += Write(destination[p..], "*10\r\n"u8);
        p += Bulk(destination[p..], "HSET"u8);
        p += Bulk(destination[p..], key);
        p += Bulk(destination[p..], "cat"u8);
        p += Bulk(destination[p..], fraud ? "fraud"u8 : "spam"u8);
        p += Bulk(destination[p..], "src"u8);
        p += Bulk(destination[p..], "police"u8);
        p += Bulk(destination[p..], "act"u8);
        p += Bulk(destination[p..], fraud ? "block"u8 : "warn"u8);
        p += Bulk(destination[p..], "reason"u8);
        p += Bulk(destination[p..], "case file 2026-117"u8);
        return p;
    }

    private static int Bulk(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        destination[0] = (byte)'$';
        Utf8Formatter.TryFormat(value.Length, destination[1..], out var n);
        var p = 1 + n;
        p += Write(destination[p..], "\r\n"u8);
        p += Write(destination[p..], value);
        p += Write(destination[p..], "\r\n"u8);
        return p;
    }

    private static int Write(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination);
        return value.Length;
    }

    // Every reply of HSET is one line (":4" or an error); count lines, fail on the first error.
    private static async Task ReadRepliesAsync(NetworkStream stream, long expected, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long seen = 0;
        var atLineStart = true;
        while (seen < expected)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new IOException($"Redis closed the connection after {seen:N0} of {expected:N0} label writes");
            var released = 0;
            for (var i = 0; i < read; i++)
            {
                if (atLineStart && buffer[i] == (byte)'-')
                    throw new IOException("Redis refused a label write: " + Encoding.ASCII.GetString(buffer, i, Math.Min(200, read - i)).Split('\r')[0]);
                atLineStart = buffer[i] == (byte)'\n';
                if (atLineStart)
                {
                    seen++;
                    released++;
                }
            }

            if (released > 0)
                window.Release(released);
        }
    }
}
