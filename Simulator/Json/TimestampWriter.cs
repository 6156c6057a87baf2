namespace FraudStream.Simulator.Json;

/// <summary>
/// RFC 3339 local times with the offset of the run's start ("2026-03-02T09:15:04.250+08:00", or "...Z" at UTC),
/// written straight from simulated milliseconds: the date part is formatted once per simulated day and reused.
/// </summary>
internal sealed class TimestampWriter
{
    private const long MsPerDay = 86_400_000;

    private readonly long _startLocalMs;
    private readonly byte[] _offset;
    private readonly byte[] _date = new byte[11];
    private long _day = -1;

    public TimestampWriter(DateTimeOffset start)
    {
        _startLocalMs = start.DateTime.Ticks / TimeSpan.TicksPerMillisecond;
        var o = start.Offset;
        _offset = o == TimeSpan.Zero
            ? "Z"u8.ToArray()
            : System.Text.Encoding.ASCII.GetBytes((o < TimeSpan.Zero ? "-" : "+") + o.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Longest output: date, time with milliseconds, offset.</summary>
    public const int MaxLength = 29;

    /// <summary>Writes the time <paramref name="simMs"/> milliseconds after the start; returns the bytes written.</summary>
    public int Write(long simMs, Span<byte> destination)
    {
        var local = _startLocalMs + simMs;
        var day = local / MsPerDay;
        if (day != _day)
            FormatDate(day);

        _date.CopyTo(destination);
        var ms = (int)(local - (day * MsPerDay));
        var h = ms / 3_600_000;
        var m = ms / 60_000 % 60;
        var s = ms / 1000 % 60;
        var f = ms % 1000;
        destination[11] = (byte)('0' + (h / 10));
        destination[12] = (byte)('0' + (h % 10));
        destination[13] = (byte)':';
        destination[14] = (byte)('0' + (m / 10));
        destination[15] = (byte)('0' + (m % 10));
        destination[16] = (byte)':';
        destination[17] = (byte)('0' + (s / 10));
        destination[18] = (byte)('0' + (s % 10));
        destination[19] = (byte)'.';
        destination[20] = (byte)('0' + (f / 100));
        destination[21] = (byte)('0' + (f / 10 % 10));
        destination[22] = (byte)('0' + (f % 10));
        _offset.CopyTo(destination[23..]);
        return 23 + _offset.Length;
    }

    private void FormatDate(long day)
    {
        var date = new DateTime(day * MsPerDay * TimeSpan.TicksPerMillisecond, DateTimeKind.Unspecified);
        System.Text.Encoding.ASCII.GetBytes(date.ToString("yyyy-MM-dd'T'", System.Globalization.CultureInfo.InvariantCulture), _date);
        _day = day;
    }
}
