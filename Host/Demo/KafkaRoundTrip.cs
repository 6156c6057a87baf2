using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Host.Demo;

/// <summary>
/// Proves the Kafka path end to end: an idempotent producer writes keyed records, a consumer-group member
/// (CooperativeSticky, offsets stored by hand) reads every one back in per-key order and commits.
/// </summary>
internal static class KafkaRoundTrip
{
    public sealed record Result(int Produced, int Consumed, long Committed, bool OrderHeld, TimeSpan ProduceTime, TimeSpan ConsumeTime);

    private const int Keys = 1000;

    public static async Task<Result> RunAsync(KafkaOptions kafka, string topic, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using (var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka)))
        {
            for (var i = 0; i < count; i++)
            {
                var key = Key(i % Keys);
                producer.Enqueue(topic, new Message<byte[], byte[]>
                {
                    Key = Encoding.UTF8.GetBytes(key),
                    Value = Encoding.UTF8.GetBytes($"{{\"probe\":{i},\"number\":\"{key}\"}}"),
                });
            }

            await producer.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }

        var produceTime = clock.Elapsed;
        clock.Restart();

        var lastSeen = new Dictionary<string, int>(Keys);
        var consumed = 0;
        var orderHeld = true;
        var assigned = false;
        var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(kafka, "fraudstream-demo-probe"))
            .SetPartitionsAssignedHandler((_, _) => assigned = true)
            .Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (consumed < count && DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null)
                continue;

            var key = Encoding.UTF8.GetString(record.Message.Key);
            var seq = Probe(record.Message.Value);
            if (lastSeen.TryGetValue(key, out var previous) && previous >= seq)
                orderHeld = false;
            lastSeen[key] = seq;
            consumed++;
            consumer.StoreOffset(record);
        }

        long committed = 0;
        if (consumed > 0)
        {
            consumer.Commit();
            foreach (var offset in consumer.Committed(consumer.Assignment, TimeSpan.FromSeconds(10)))
                committed += Math.Max(0, offset.Offset.Value);
        }

        ConsumerShutdown.LeaveAndClose(consumer, assigned);
        return new Result(count, consumed, committed, orderHeld, produceTime, clock.Elapsed);
    }

    private static string Key(int subscriber) => "+86138" + subscriber.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    private static int Probe(byte[] value)
    {
        // {"probe":N,...}: the number starts after the 9-byte prefix.
        var n = 0;
        for (var i = 9; i < value.Length && value[i] is >= (byte)'0' and <= (byte)'9'; i++)
            n = (n * 10) + (value[i] - '0');
        return n;
    }
}
