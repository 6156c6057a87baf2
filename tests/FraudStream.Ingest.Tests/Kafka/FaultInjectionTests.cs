using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

[TestFixture]
public sealed class FaultInjectionTests
{
    [Test]
    public async Task Broker_down_produce_waits_and_is_delivered_once_the_broker_is_back()
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);
        cluster.CreateTopic("outage", 1);
        cluster.SetPartitionLeader("outage", 0, 1);
        cluster.SetBrokerDown(1);

        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(KafkaTestClients.Options(cluster)));
        for (var i = 0; i < 100; i++)
            producer.Enqueue("outage", KafkaTestClients.Record("k" + (i % 7), i.ToString()));
        var acknowledged = producer.AcknowledgeAsync();

        var finishedWhileDown = await Task.WhenAny(acknowledged, Task.Delay(TimeSpan.FromSeconds(2))) == acknowledged;
        cluster.SetBrokerUp(1);
        await acknowledged.WaitAsync(TimeSpan.FromSeconds(30));
        var received = KafkaTestClients.Drain(cluster, "outage", "g-outage", 100, TimeSpan.FromSeconds(30));

        Assert.That(finishedWhileDown, Is.False, "nothing can be acknowledged while the leader is down");
        Assert.That(received.Select(KafkaTestClients.Value), Is.EquivalentTo(Enumerable.Range(0, 100).Select(i => i.ToString())));
    }

    [Test]
    public async Task Retriable_produce_errors_are_retried_without_duplicates()
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);
        cluster.CreateTopic("flaky", 1);
        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);

        await KafkaTestClients.ProduceAsync(cluster, "flaky", Enumerable.Range(0, 50).Select(i => ("k", i.ToString())));
        var received = KafkaTestClients.Drain(cluster, "flaky", "g-flaky", 50, TimeSpan.FromSeconds(30));

        Assert.That(received.Select(KafkaTestClients.Value), Is.EqualTo(Enumerable.Range(0, 50).Select(i => i.ToString())));
    }

    [Test]
    public void A_non_retriable_produce_error_fails_the_batch()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        cluster.CreateTopic("broken", 1);
        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);

        var error = Assert.ThrowsAsync<KafkaException>(() => KafkaTestClients.ProduceAsync(cluster, "broken", [("k", "v")]));

        Assert.That(error!.Error.Code, Is.EqualTo(ErrorCode.TopicAuthorizationFailed));
    }

    [Test]
    public async Task Broker_rtt_delays_acknowledgement_by_at_least_the_rtt()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        cluster.CreateTopic("slow", 1);
        await KafkaTestClients.ProduceAsync(cluster, "slow", [("warm", "up")]);
        cluster.SetBrokerRtt(1, TimeSpan.FromMilliseconds(400));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await KafkaTestClients.ProduceAsync(cluster, "slow", [("k", "v")]);

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400)));
    }

    // Each broker in turn, so that a no-op injection cannot pass by matching the default coordinator.
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Group_coordinator_moves_to_the_chosen_broker(int brokerId)
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);
        cluster.CreateTopic("coordinated", 1);
        cluster.SetCoordinator(CoordinatorType.Group, "g-coordinated", brokerId);
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var config = KafkaClientConfigs.Consumer(KafkaTestClients.Options(cluster), "g-coordinated");
        config.Debug = "cgrp";
        var assigned = false;
        var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) => logs.Enqueue(message.Message))
            .SetPartitionsAssignedHandler((_, _) => assigned = true)
            .Build();
        consumer.Subscribe("coordinated");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!assigned && DateTime.UtcNow < deadline)
            consumer.Consume(TimeSpan.FromMilliseconds(100));
        consumer.Close();
        consumer.Dispose();

        Assert.That(assigned, Is.True, "the group formed on the moved coordinator");
        Assert.That(logs, Has.Some.Match($@"Group ""g-coordinated"" coordinator set to broker .*/{brokerId}$"));
    }

    [Test]
    public async Task Full_local_queue_makes_enqueue_wait_instead_of_failing()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        cluster.CreateTopic("tight", 1);
        var config = KafkaClientConfigs.Producer(KafkaTestClients.Options(cluster));
        config.QueueBufferingMaxMessages = 10;
        using var producer = new KafkaBatchProducer(config);
        var batch = producer.StartBatch();

        for (var i = 0; i < 500; i++)
            batch.Enqueue("tight", KafkaTestClients.Record("k", i.ToString()));
        await batch.AcknowledgeAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var received = KafkaTestClients.Drain(cluster, "tight", "g-tight", 500, TimeSpan.FromSeconds(30));

        Assert.That(received.Select(KafkaTestClients.Value), Is.EqualTo(Enumerable.Range(0, 500).Select(i => i.ToString())));
    }
}
