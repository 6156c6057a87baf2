using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Simulator.Output;

/// <summary>
/// Records to a Kafka topic, keyed by caller (so one caller's records stay in order on one partition),
/// through the idempotent <see cref="KafkaBatchProducer"/>: each batch ends when the brokers acknowledged it.
/// </summary>
public sealed class KafkaRecordSink : IRecordSink
{
    private static readonly TimeSpan s_metadataTimeout = TimeSpan.FromSeconds(5);

    // A record not delivered within this long fails the run instead of waiting librdkafka's default 5 minutes.
    private const int MessageTimeoutMs = 30_000;

    // Records acknowledged together: large enough that waiting for the acks does not dominate (the wait is a
    // round trip plus linger), well under librdkafka's 100,000-message local queue.
    private const int AcknowledgeEvery = 20_000;

    private readonly KafkaBatchProducer _producer;
    private readonly string _topic;
    private int _unacknowledged;

    private KafkaRecordSink(KafkaBatchProducer producer, string topic)
    {
        _producer = producer;
        _topic = topic;
    }

    /// <summary>Connects to <paramref name="options"/>' brokers and checks that <paramref name="topic"/> exists.</summary>
    /// <exception cref="OutputUnavailableException">The cluster cannot be reached or has no such topic.</exception>
    public static KafkaRecordSink Connect(KafkaOptions options, string topic)
    {
        CheckTopic(options, topic);
        var config = KafkaClientConfigs.Producer(options);
        config.MessageTimeoutMs = MessageTimeoutMs;
        return new KafkaRecordSink(new KafkaBatchProducer(config), topic);
    }

    public void Write(ReadOnlySpan<byte> record, ReadOnlySpan<byte> key)
    {
        _producer.Enqueue(_topic, new Message<byte[], byte[]> { Key = key.ToArray(), Value = record.ToArray() });
        _unacknowledged++;
    }

    // Delivery reports keep arriving on the client's background thread, so by the time a batch is
    // acknowledged most of it usually is already.
    public ValueTask EndBatchAsync(CancellationToken cancellationToken)
        => _unacknowledged < AcknowledgeEvery ? ValueTask.CompletedTask : FlushAsync(cancellationToken);

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _unacknowledged = 0;
        try
        {
            await _producer.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            throw new OutputUnavailableException($"Kafka did not acknowledge records on {_topic}: {e.Error.Reason}", e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }

    // Fail fast with one line: without this, an idempotent producer retries an unreachable cluster for minutes.
    private static void CheckTopic(KafkaOptions options, string topic)
    {
        using var admin = KafkaAdmin.Connect(options);
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(topic, s_metadataTimeout);
        }
        catch (KafkaException e)
        {
            throw new OutputUnavailableException($"cannot reach Kafka at {options.BootstrapServers}: {e.Error.Reason}", e);
        }

        var found = metadata.Topics.Find(t => t.Topic == topic);
        if (found is null || found.Error.IsError || found.Partitions.Count == 0)
            throw new OutputUnavailableException($"Kafka at {options.BootstrapServers} has no topic '{topic}'{(found is { Error.IsError: true } ? ": " + found.Error.Reason : "")}");
    }
}
