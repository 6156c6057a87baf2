using Confluent.Kafka;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Host.Commands.Tail;

/// <summary>
/// Reads every partition of one topic without joining a consumer group: partitions are assigned from the
/// topic's metadata, at the end (or the beginning), and nothing is ever committed, so watching alerts
/// cannot move the offsets of a real consumer or trigger a rebalance.
/// </summary>
internal sealed class AlertTopicReader : IDisposable
{
    private static readonly TimeSpan s_metadataTimeout = TimeSpan.FromSeconds(5);

    private readonly IConsumer<Ignore, byte[]?> _consumer;

    private AlertTopicReader(IConsumer<Ignore, byte[]?> consumer, int partitions)
    {
        _consumer = consumer;
        Partitions = partitions;
    }

    public int Partitions { get; }

    /// <summary>Connects, looks the topic up and assigns all its partitions.</summary>
    /// <param name="onError">Client errors while reading (a broker went away, ...); librdkafka keeps retrying.</param>
    /// <exception cref="UsageException">The cluster has no such topic.</exception>
    /// <exception cref="KafkaException">The cluster could not be reached within a few seconds.</exception>
    public static AlertTopicReader Open(KafkaOptions kafka, string topic, bool fromBeginning, Action<Error> onError)
        => Open(kafka, topic, fromBeginning ? long.MaxValue : 0, onError, "fraudstream-tail-");

    /// <summary>As <see cref="Open(KafkaOptions, string, bool, Action{Error})"/>, starting <paramref name="backlog"/> records before each partition's end.</summary>
    /// <param name="backlog">Records per partition to read before the end: 0 only new ones, <see cref="long.MaxValue"/> from the beginning.</param>
    /// <param name="groupPrefix">Names the never-joined group id, so a broker's client list says who reads.</param>
    public static AlertTopicReader Open(KafkaOptions kafka, string topic, long backlog, Action<Error> onError, string groupPrefix)
    {
        var fromBeginning = backlog == long.MaxValue;
        var partitions = Lookup(kafka, topic);

        // librdkafka wants a group id even for a consumer that only assigns; this one is never joined or committed to.
        var config = KafkaClientConfigs.Reader(kafka, groupPrefix + Guid.NewGuid().ToString("N"), fromBeginning);
        var consumer = new ConsumerBuilder<Ignore, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler((_, error) => onError(error))
            .Build();
        var start = fromBeginning ? Offset.Beginning : Offset.End;
        if (backlog is > 0 and < long.MaxValue)
        {
            consumer.Assign(partitions.Select(p =>
            {
                var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), s_metadataTimeout);
                return new TopicPartitionOffset(topic, p, new Offset(Math.Max(marks.Low.Value, marks.High.Value - backlog)));
            }));
        }
        else
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, start)));
        return new AlertTopicReader(consumer, partitions.Count);
    }

    /// <summary>The next record, or null when none arrived within <paramref name="wait"/>.</summary>
    /// <exception cref="ConsumeException">A record could not be read (e.g. the partition went away).</exception>
    public ConsumeResult<Ignore, byte[]?>? Next(TimeSpan wait) => _consumer.Consume(wait);

    public void Dispose()
    {
        // Closing an assign-only consumer leaves no group and, with auto-commit off, commits nothing.
        _consumer.Close();
        _consumer.Dispose();
    }

    internal static List<int> Lookup(KafkaOptions kafka, string topic)
    {
        // The metadata of all topics, not of this one: asking for one topic by name can create it, since brokers
        // older than Kafka 0.11 ignore allow.auto.create.topics=false (librdkafka's mock cluster is taken for one).
        // An admin client, not the consumer's handle: a metadata call on a consumer spun a core for the whole wait
        // while no broker was reachable.
        using var admin = KafkaAdmin.Connect(kafka);
        var metadata = admin.GetMetadata(s_metadataTimeout);
        var found = metadata.Topics.Find(t => t.Topic == topic);
        if (found is null || found.Error.IsError || found.Partitions.Count == 0)
        {
            var why = found is { Error.IsError: true } ? $" ({found.Error.Reason})" : "";
            throw new UsageException($"Kafka at {kafka.BootstrapServers} has no topic '{topic}'{why}; pass --topic or set Alerts:Topic");
        }

        return [.. found.Partitions.Select(p => p.PartitionId).Order()];
    }
}
