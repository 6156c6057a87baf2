using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// The caller stage's re-keyed records of one partition, packed as frames (<see cref="FrameFormat"/>): one
/// Kafka message per callee partition per consumed batch (more when a frame would pass
/// <see cref="FrameFormat.TargetFrameBytes"/>). Each record goes to the partition librdkafka's partitioner
/// gives its key (<see cref="KeyPartitioner"/>), the partition it had when it went alone keyed by that number,
/// so per-number state stays where it was. While the callee topic's partition count is unknown, each record
/// goes alone in a frame of one keyed by the number, and the producer's partitioner places it.
/// </summary>
internal sealed class CalleeFrames : IDisposable
{
    // Produce copies headers into librdkafka and nothing writes to this set: one for every frame.
    private static readonly Headers s_frameHeaders = new() { { FrameFormat.Header, [] } };

    private readonly List<int> _open = [];
    private FrameWriter?[] _writers = [];
    private FrameWriter? _alone;
    private int _source;
    private int _sources;

    /// <summary>Frames sent so far.</summary>
    public long Sent { get; private set; }

    /// <summary>Starts a batch of records forwarded by partition <paramref name="source"/> of <paramref name="sources"/> (0: no ordering keys).</summary>
    public void Begin(int source, int sources, int targets)
    {
        (_source, _sources) = (source, sources);
        if (targets > 0 && targets != _writers.Length)
        {
            foreach (var writer in _writers)
                writer?.Dispose();
            _writers = new FrameWriter?[targets];
        }
    }

    /// <summary>Adds <paramref name="e"/> for the callee partition of <paramref name="key"/>'s number.</summary>
    public void Add(PhoneNumber key, in CallEvent e, in RecordHints hints, DeliveryBatch delivery, string topic)
    {
        Span<byte> e164 = stackalloc byte[PhoneNumber.MaxFormattedLength];
        var length = key.FormatE164(e164);
        if (_writers.Length == 0)
        {
            SendAlone(e164[..length].ToArray(), e, hints, delivery, topic);
            return;
        }

        var target = KeyPartitioner.ConsistentRandom(e164[..length], _writers.Length);
        var writer = _writers[target] ??= new FrameWriter();
        if (writer.Count == 0)
        {
            writer.Start(_source, _sources);
            _open.Add(target);
        }

        writer.Add(e, hints);
        if (writer.Length >= FrameFormat.TargetFrameBytes)
            Send(target, writer, delivery, topic);
    }

    /// <summary>Sends every frame started since the last flush, in the order they were started.</summary>
    public void Flush(DeliveryBatch delivery, string topic)
    {
        foreach (var target in _open)
        {
            if (_writers[target] is { Count: > 0 } writer)
                Send(target, writer, delivery, topic);
        }

        _open.Clear();
    }

    public void Dispose()
    {
        foreach (var writer in _writers)
            writer?.Dispose();
        _alone?.Dispose();
    }

    private void Send(int target, FrameWriter writer, DeliveryBatch delivery, string topic)
    {
        delivery.Enqueue(new TopicPartition(topic, target), new Message<byte[], byte[]> { Value = writer.ToArray(), Headers = s_frameHeaders });
        Sent++;
    }

    private void SendAlone(byte[] key, in CallEvent e, in RecordHints hints, DeliveryBatch delivery, string topic)
    {
        var writer = _alone ??= new FrameWriter();
        writer.Start(_source, _sources);
        writer.Add(e, hints);
        delivery.Enqueue(topic, new Message<byte[], byte[]> { Key = key, Value = writer.ToArray(), Headers = s_frameHeaders });
        Sent++;
    }
}
