using System.Buffers.Text;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Open-loop bookkeeping without coordinated omission: record <c>i</c> of a run at a fixed rate is due at
/// <c>start + i / rate</c> whether or not the producer managed to send it then, and its latency is measured from
/// that intended time. A producer that stalls therefore shows up as latency, never as fewer slow samples.
/// Records are known by the sequence number in their simulated record id (<c>sim-42-000000000123</c>).
/// </summary>
internal sealed class LatencyBook(long startTimestamp, double ratePerSecond, long timestampFrequency)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, long> _intended = [];

    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>When the <paramref name="index"/>-th record of the run (from 0) is due, in timestamp ticks.</summary>
    public long IntendedTimestamp(long index) => StartTimestamp + (long)Math.Round(index * (double)timestampFrequency / ratePerSecond);

    /// <summary>How many records are due by <paramref name="nowTimestamp"/>.</summary>
    public long DueBy(long nowTimestamp)
        => nowTimestamp < StartTimestamp ? 0 : (long)Math.Floor((nowTimestamp - StartTimestamp) * ratePerSecond / timestampFrequency) + 1;

    /// <summary>
    /// How many records are due strictly before <paramref name="timestamp"/>: exactly the indices whose
    /// <see cref="IntendedTimestamp"/> is earlier, so the records from the result on are the ones
    /// <see cref="Observe"/> measures when <see cref="MeasureFrom"/> is <paramref name="timestamp"/>.
    /// </summary>
    public long DueBefore(long timestamp)
    {
        var count = DueBy(timestamp - 1);
        while (count > 0 && IntendedTimestamp(count - 1) >= timestamp)
            count--;
        while (IntendedTimestamp(count) < timestamp)
            count++;
        return count;
    }

    /// <summary>Notes that the record with <paramref name="sequence"/> was due at <paramref name="intendedTimestamp"/>; a redelivery keeps the first.</summary>
    public void Scheduled(long sequence, long intendedTimestamp)
    {
        lock (_gate)
            _intended.TryAdd(sequence, intendedTimestamp);
    }

    /// <summary>
    /// Records due before this (timestamp ticks) are warm-up: sent at the same rate, their outputs not counted.
    /// Until it is set, every record is warm-up.
    /// </summary>
    public long MeasureFrom
    {
        get => Volatile.Read(ref _measureFrom);
        set => Volatile.Write(ref _measureFrom, value);
    }

    private long _measureFrom = long.MaxValue;
    private long _measureUntil = long.MaxValue;

    /// <summary>The end of the measured window (timestamp ticks), for telling its first third from its last.</summary>
    public long MeasureUntil
    {
        get => Volatile.Read(ref _measureUntil);
        set => Volatile.Write(ref _measureUntil, value);
    }

    /// <summary>Which third of the measured window (0, 1, 2) a record was due in.</summary>
    public int Third(long sequence)
    {
        long intended;
        lock (_gate)
        {
            if (!_intended.TryGetValue(sequence, out intended))
                return -1;
        }

        var from = MeasureFrom;
        var span = MeasureUntil - from;
        return span <= 0 || intended < from ? -1 : (int)Math.Min(2, (intended - from) * 3 / span);
    }

    /// <summary>
    /// Books an output of record <paramref name="sequence"/> seen at <paramref name="observedTimestamp"/>: its latency
    /// from the record's intended time when the record is measured.
    /// </summary>
    public Observation Observe(long sequence, long observedTimestamp, out double milliseconds)
    {
        milliseconds = 0;
        long intended;
        lock (_gate)
        {
            if (!_intended.TryGetValue(sequence, out intended))
                return Observation.Unknown;
        }

        if (intended < MeasureFrom)
            return Observation.WarmUp;
        milliseconds = (observedTimestamp - intended) * 1000.0 / timestampFrequency;
        return Observation.Measured;
    }

    /// <summary>The sequence number of a simulated record id (<c>sim-{seed}-{sequence}</c>), from its id or from the start of its JSON record.</summary>
    public static bool TryParseSequence(ReadOnlySpan<byte> idOrRecord, out long sequence)
    {
        sequence = 0;
        var sim = idOrRecord.IndexOf("sim-"u8);
        if (sim < 0)
            return false;
        var rest = idOrRecord[(sim + 4)..];
        var dash = rest.IndexOf((byte)'-');
        if (dash < 0)
            return false;
        rest = rest[(dash + 1)..];
        var end = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        var digits = end < 0 ? rest : rest[..end];
        return digits.Length > 0 && Utf8Parser.TryParse(digits, out sequence, out var consumed) && consumed == digits.Length;
    }
}

/// <summary>What an output of a record counts as.</summary>
internal enum Observation
{
    /// <summary>A record of the measured window: its latency counts.</summary>
    Measured,

    /// <summary>A record sent before the window, while the pipeline joined its groups and warmed up.</summary>
    WarmUp,

    /// <summary>Not a record this phase sent.</summary>
    Unknown,
}
