using System.Text;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

/// <summary>Producing and draining helpers over the production client settings.</summary>
internal static class KafkaTestClients
{
    public static KafkaOptions Options(EmbeddedKafkaCluster cluster) => new() { BootstrapServers = cluster.BootstrapServers, ClientId = "fraudstream-tests", SessionTimeoutMs = 6000 };

    public static Message<byte[], byte[]> Record(string key, string value)
        => new() { Key = Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(value) };

    public static async Task ProduceAsync(EmbeddedKafkaCluster cluster, string topic, IEnumerable<(string Key, string Value)> records)
    {
        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(Options(cluster)));
        foreach (var (key, value) in records)
            producer.Enqueue(topic, Record(key, value));
        await producer.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    /// <summary>
    /// Consumes with a group member until <paramref name="expected"/> records arrived or <paramref name="timeout"/>
    /// passed, storing the offset of each record for which <paramref name="store"/> says so, then commits.
    /// </summary>
    public static List<ConsumeResult<byte[], byte[]>> Drain(
        EmbeddedKafkaCluster cluster, string topic, string group, int expected, TimeSpan timeout, Func<ConsumeResult<byte[], byte[]>, bool>? store = null)
    {
        var received = new List<ConsumeResult<byte[], byte[]>>();
        var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(Options(cluster), group))
            .Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + timeout;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
                continue;
            received.Add(result);
            if (store?.Invoke(result) ?? true)
                consumer.StoreOffset(result);
        }

        // Give a straggler (a duplicate would be one) a moment to show up before closing.
        var extra = consumer.Consume(TimeSpan.FromMilliseconds(300));
        if (extra is not null)
            received.Add(extra);

        if (received.Count > 0)
        {
            try
            {
                consumer.Commit();
            }
            catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
            {
                // The background auto-commit (every second) already committed everything stored.
            }
        }
        consumer.Close();
        consumer.Dispose();
        return received;
    }

    public static string Key(ConsumeResult<byte[], byte[]> result) => Encoding.UTF8.GetString(result.Message.Key);

    public static string Value(ConsumeResult<byte[], byte[]> result) => Encoding.UTF8.GetString(result.Message.Value);
}
