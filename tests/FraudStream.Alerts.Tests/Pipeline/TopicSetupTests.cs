using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// <see cref="TopicSetup.Check"/> on the embedded cluster: what the start would find and create, found without
/// creating anything, and the same one-line failures as the start.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TopicSetupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IngestOptions _ingest = new();
    private readonly AlertsOptions _alerts = new() { PublishDecisions = true };

    [Test]
    public void Check_with_only_the_cdr_topic_lists_the_others_as_missing_and_creates_none()
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);
        cluster.CreateTopic(_ingest.Topic, 4);
        cluster.CreateTopic(_alerts.Topic, 4);
        var kafka = new KafkaOptions { BootstrapServers = cluster.BootstrapServers };

        var plan = TopicSetup.Check(kafka, _ingest, _alerts, Timeout);

        Assert.That(plan.Brokers, Is.EqualTo(3));
        Assert.That(plan.CdrTopic, Is.EqualTo(_ingest.Topic));
        Assert.That(plan.Partitions, Is.EqualTo(4));
        Assert.That(plan.ReplicationFactor, Is.EqualTo(3));
        Assert.That(plan.Existing, Is.EqualTo(new[] { _alerts.Topic }));
        Assert.That(plan.Missing, Is.EquivalentTo(new[] { _ingest.DeadLetterTopic, _alerts.CalleeTopic, _alerts.DecisionTopic }));
        using var admin = KafkaAdmin.Connect(kafka);
        var topics = admin.GetMetadata(Timeout).Topics.Select(t => t.Topic);
        Assert.That(topics, Is.EquivalentTo(new[] { _ingest.Topic, _alerts.Topic }), "a check creates nothing");
    }

    [Test]
    public void Check_without_the_cdr_topic_throws_naming_it_and_the_setting()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        var kafka = new KafkaOptions { BootstrapServers = cluster.BootstrapServers };

        var e = Assert.Throws<PipelineSetupException>(() => TopicSetup.Check(kafka, _ingest, _alerts, Timeout));

        Assert.That(e!.Message, Is.EqualTo($"the CDR topic '{_ingest.Topic}' does not exist on {cluster.BootstrapServers}; create it or set Ingest:Topic"));
    }
}
