using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Reads the alert topic back from where it ended when the phase began, as any consumer of alerts would, and
/// books for each alert the time from its CDR's intended send time to now. An alert is readable only after the
/// pipeline's producer had it acknowledged, so this is acknowledgement time plus this reader's own fetch delay.
/// Alerts of the callee stage (source topic = the re-keyed topic) are booked apart: they cross Kafka twice.
/// </summary>
internal sealed class AlertLatencyReader : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly LatencyBook _book;
    private readonly string _calleeTopic;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _read;
    private long _unmatched;
    private long _warmUp;
    private long _lastReadTimestamp;

    // The wall clock and the timestamp counter at one instant: maps an alert's "time" (when the pipeline wrote it) onto the counter.
    private readonly DateTimeOffset _wallAtStart = DateTimeOffset.UtcNow;
    private readonly long _timestampAtStart = Stopwatch.GetTimestamp();

    public AlertLatencyReader(BenchKafka kafka, LatencyBook book)
    {
        _book = book;
        _calleeTopic = kafka.Alerts.CalleeTopic;
        var config = KafkaClientConfigs.Reader(kafka.Kafka, kafka.Kafka.GroupId + "-alert-reader", fromBeginning: false);
        config.FetchWaitMaxMs = kafka.Kafka.FetchWaitMaxMs;
        _consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler(static (_, _) => { }).Build();
        var ends = kafka.Watermarks(kafka.Alerts.Topic, kafka.Partitions);
        _consumer.Assign(ends.Select((w, p) => new TopicPartitionOffset(kafka.Alerts.Topic, p, w.High)));
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-alert-reader" };
        _thread.Start();
    }

    public LatencyRecorder All { get; } = new();

    public LatencyRecorder CallerStage { get; } = new();

    public LatencyRecorder CalleeStage { get; } = new();

    /// <summary>From the intended send time to the alert's <c>time</c> (the pipeline wrote it): sending, fetching, queueing and scoring.</summary>
    public LatencyRecorder UntilWritten { get; } = new();

    /// <summary>From the alert's <c>time</c> to this reader: the alert's acknowledgement by the brokers and this reader's fetch.</summary>
    public LatencyRecorder WrittenToRead { get; } = new();

    /// <summary>Records due in the first third of the window: on the embedded broker, latency grows as its topics do.</summary>
    public LatencyRecorder FirstThird { get; } = new();

    public LatencyRecorder LastThird { get; } = new();

    public long Read => Interlocked.Read(ref _read);

    /// <summary>Alerts about records this phase did not send (or whose id could not be read).</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    /// <summary>Alerts about warm-up records (sent before the measured window).</summary>
    public long WarmUp => Interlocked.Read(ref _warmUp);

    /// <summary>When the last alert was read (timestamp ticks), 0 before the first.</summary>
    public long LastReadTimestamp => Interlocked.Read(ref _lastReadTimestamp);

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var record = _consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (record is null)
                continue;
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _read);
            Interlocked.Exchange(ref _lastReadTimestamp, now);
            var ms = 0.0;
            var seen = TryRead(record.Message.Value, out var sequence, out var sourceTopic, out var written) ? _book.Observe(sequence, now, out ms) : Observation.Unknown;
            if (seen != Observation.Measured)
            {
                Interlocked.Increment(ref seen == Observation.WarmUp ? ref _warmUp : ref _unmatched);
                continue;
            }

            // Written → read, from the counter mapped to the wall clock (the alert's time has millisecond precision).
            var afterWritten = Math.Clamp(
                (now - _timestampAtStart) * 1000.0 / Stopwatch.Frequency - (written - _wallAtStart).TotalMilliseconds, 0, ms);
            lock (All)
            {
                All.Record(ms);
                UntilWritten.Record(ms - afterWritten);
                WrittenToRead.Record(afterWritten);
                (sourceTopic == _calleeTopic ? CalleeStage : CallerStage).Record(ms);
                switch (_book.Third(sequence))
                {
                    case 0:
                        FirstThird.Record(ms);
                        break;
                    case 2:
                        LastThird.Record(ms);
                        break;
                }
            }
        }
    }

    /// <summary>An Alert v1 record's <c>recordId</c> sequence, <c>source.topic</c> and <c>time</c>.</summary>
    internal static bool TryRead(byte[] alert, out long sequence, out string? sourceTopic, out DateTimeOffset written)
    {
        sequence = 0;
        sourceTopic = null;
        written = default;
        try
        {
            using var json = JsonDocument.Parse(alert);
            var root = json.RootElement;
            if (root.TryGetProperty("source", out var source) && source.TryGetProperty("topic", out var topic))
                sourceTopic = topic.GetString();
            if (!root.TryGetProperty("time", out var time) || !time.TryGetDateTimeOffset(out written))
                return false;
            return root.TryGetProperty("recordId", out var id) && id.GetString() is { } text
                && LatencyBook.TryParseSequence(Encoding.UTF8.GetBytes(text), out sequence);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
