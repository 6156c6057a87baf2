using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Tests.Harness;

[TestFixture]
public sealed class EmbeddedBrokerCpuTests
{
    // A real line of /proc/<pid>/task/<tid>/stat of the mock cluster's thread (utime 1234, stime 56).
    private const string MockThread = "4711 (rdk:mock) S 31593 31593 1 0 -1 4194624 1200 0 0 0 1234 56 0 0 20 0 61 0 9121 4294967295 163840 0 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";

    [Test]
    public void BrokerTicks_of_the_mock_thread_is_its_user_plus_system_time()
        => Assert.That(EmbeddedBrokerCpu.BrokerTicks(MockThread), Is.EqualTo(1234 + 56));

    [TestCase("4712 (rdk:main) S 31593 31593 1 0 -1 4194624 1200 0 0 0 900 10 0 0 20 0 61 0 9121 4294967295")]
    [TestCase("4713 (rdk:broker1) S 31593 31593 1 0 -1 4194624 1200 0 0 0 900 10 0 0 20 0 61 0 9121 4294967295")]
    [TestCase("4714 (a (rdk:mock) b) S 31593 31593 1 0 -1 4194624 1200 0 0 0 900 10 0 0 20 0 61 0 9121 4294967295")]
    public void BrokerTicks_of_any_other_thread_is_zero(string stat)
        => Assert.That(EmbeddedBrokerCpu.BrokerTicks(stat), Is.Zero, "client threads are FraudStream's and stay counted");

    [Test]
    public void Read_sees_the_cpu_of_a_running_embedded_cluster()
    {
        var before = EmbeddedBrokerCpu.Read();
        using (var cluster = EmbeddedKafkaCluster.Start(1))
        {
            cluster.CreateTopic("cpu", 1);
            // The mock's thread wakes for its timers; its time is read in 10 ms ticks, so give it a moment
            // of real work: a producer's metadata requests and records.
            using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 0 }).Build();
            var value = new byte[100];
            for (var round = 0; round < 20; round++)
            {
                for (var i = 0; i < 10_000; i++)
                    producer.Produce("cpu", new Message<byte[], byte[]> { Value = value });
                producer.Flush(TimeSpan.FromSeconds(30));
            }

            Assert.That(EmbeddedBrokerCpu.Read(), Is.GreaterThan(before), "the mock cluster's thread is named rdk:mock and its CPU time is read");
        }
    }
}
