using System.Text;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

/// <summary>Our partition for a key is the one librdkafka's producer picks for it (frames depend on it: per-number state stays put).</summary>
[TestFixture]
public sealed class KeyPartitionerTests
{
    [Test]
    public void Crc32_is_the_ieee_one()
        => Assert.That(KeyPartitioner.Crc32("123456789"u8), Is.EqualTo(0xCBF43926u));

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(12)]
    public async Task Every_key_lands_where_the_producers_partitioner_puts_it(int partitions)
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        var topic = $"keys-{partitions}";
        cluster.CreateTopic(topic, partitions);
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(KafkaTestClients.Options(cluster))).Build();
        var random = new Random(partitions);

        for (var i = 0; i < 300; i++)
        {
            var key = Encoding.ASCII.GetBytes("+86" + random.NextInt64(10_000_000_000, 19_999_999_999));
            var delivered = await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = key, Value = [1] });

            Assert.That(KeyPartitioner.ConsistentRandom(key, partitions), Is.EqualTo(delivered.Partition.Value), Encoding.ASCII.GetString(key));
        }
    }
}
