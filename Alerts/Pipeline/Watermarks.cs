using System.Collections.Concurrent;
using Confluent.Kafka;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using Microsoft.Extensions.Logging;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// The caller stage's half of the ordered merge (<see cref="SourceOrder"/>): how many partitions the CDR topic
/// (the sources) and the callee topic have, and, at most once per interval per instance, one control record to
/// every callee partition saying how far each caller partition of this instance has got. A callee partition
/// that gets no record from a caller partition for a while learns from it that it may go on.
/// </summary>
internal sealed class Watermarks(KafkaBatchProducer producer, string calleeTopic, TimeSpan interval, ILogger logger, bool ordered = true)
{
    private const int RetrySeconds = 5;
    private static readonly TimeSpan s_metadataTimeout = TimeSpan.FromSeconds(10);

    private readonly long _intervalMs = Math.Max(1, (long)interval.TotalMilliseconds);
    private readonly Lock _gate = new();
    private volatile Topology? _topology;
    private long _retryAt;
    private long _nextAt;

    /// <summary>Partitions of the CDR topic <paramref name="topic"/>; 0 while unknown (records then go without an ordering key).</summary>
    public int Sources(string topic)
    {
        if (_topology is { } known)
            return known.Sources;

        lock (_gate)
        {
            if (_topology is null && Environment.TickCount64 >= _retryAt)
                _topology = Read(topic);
        }

        return _topology?.Sources ?? 0;
    }

    /// <summary>Whether the callee stage merges in source order: ordering keys and watermarks are sent only then.</summary>
    public bool Ordered => ordered;

    /// <summary>Partitions of the callee topic once <see cref="Sources"/> has read them; 0 while unknown.</summary>
    public int Targets => _topology?.Targets ?? 0;

    /// <summary>When the interval has passed, sends this instance's watermarks (on <paramref name="delivery"/>, so they are acknowledged with its batch).</summary>
    public void SendIfDue(DeliveryBatch delivery, ConcurrentDictionary<int, StagePartition> partitions)
    {
        var now = Environment.TickCount64;
        var due = Volatile.Read(ref _nextAt);
        if (!ordered || now < due || _topology is not { } topology || Interlocked.CompareExchange(ref _nextAt, now + _intervalMs, due) != due)
            return;

        var reached = new List<(int Source, long Key, bool Pending)>(partitions.Count);
        foreach (var (partition, state) in partitions)
        {
            if (state.Reached != long.MinValue)
                reached.Add((partition, state.Reached, state.Pending));
        }

        if (reached.Count == 0)
            return;
        var value = SourceOrder.EncodeWatermarks(topology.Sources, [.. reached]);
        for (var p = 0; p < topology.Targets; p++)
            delivery.Enqueue(new TopicPartition(calleeTopic, p), new Message<byte[], byte[]> { Value = [], Headers = new Headers { { SourceOrder.WatermarksHeader, value } } });
    }

    private Topology? Read(string topic)
    {
        try
        {
            using var admin = new DependentAdminClientBuilder(producer.Producer.Handle).Build();
            var sources = Partitions(admin, topic);
            var targets = Partitions(admin, calleeTopic);
            return new Topology(sources, targets);
        }
        catch (KafkaException e)
        {
            _retryAt = Environment.TickCount64 + (RetrySeconds * 1000);
            Log.TopologyUnknown(logger, topic, calleeTopic, e.Error.Reason, RetrySeconds);
            return null;
        }
    }

    private static int Partitions(IAdminClient admin, string topic)
    {
        var metadata = admin.GetMetadata(topic, s_metadataTimeout).Topics.Single();
        if (metadata.Error.IsError || metadata.Partitions.Count == 0)
            throw new KafkaException(metadata.Error.IsError ? metadata.Error : new Error(ErrorCode.UnknownTopicOrPart, $"topic {topic} has no partitions"));
        return metadata.Partitions.Count;
    }

    private sealed record Topology(int Sources, int Targets);
}
