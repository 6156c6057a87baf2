using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Tests.Harness;

/// <summary>The carrier of phase C is not FraudStream: tuning FraudStream's producers must not tune the traffic it is measured with.</summary>
[TestFixture]
public sealed class OpenLoopProducerTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(50)]
    public void Carrier_lingers_librdkafkas_default_whatever_Kafka_LingerMs(int configured)
    {
        var config = OpenLoopProducer.Config(new KafkaOptions { BootstrapServers = "k:9092", LingerMs = configured });

        Assert.That(config.LingerMs, Is.EqualTo(5));
        Assert.That(config.EnableIdempotence, Is.True, "otherwise FraudStream's producer settings");
    }
}
