using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using Microsoft.Extensions.Logging;

namespace FraudStream.Ingest.Tests.Kafka;

[TestFixture]
public sealed class KafkaBatchProducerTests
{
    private const long Unset = -1001;

    [Test]
    public void Report_without_error_and_without_an_offset_is_counted_and_warned_about_once_a_minute()
    {
        var logger = new ListLogger();
        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(new KafkaOptions { BootstrapServers = "127.0.0.1:1" }), logger);

        producer.Observe(Report(Unset));
        producer.Observe(Report(5));
        producer.Observe(Report(Unset, ErrorCode.Local_MsgTimedOut));
        producer.Observe(Report(Unset));

        Assert.That(producer.AcknowledgedWithoutOffset, Is.EqualTo(2), "only the reports without error and without offset");
        Assert.That(logger.Warnings, Has.Count.EqualTo(1), "the first at once, the next not within a minute");
        Assert.That(logger.Warnings[0], Does.StartWith("1 records so far reported delivered without an offset, the latest to cdr[3]"));
    }

    [Test]
    public void Producer_that_asks_for_no_acknowledgement_is_never_counted()
    {
        var config = KafkaClientConfigs.Producer(new KafkaOptions { BootstrapServers = "127.0.0.1:1" });
        config.EnableIdempotence = false;
        config.Acks = Acks.None;
        using var producer = new KafkaBatchProducer(config);

        producer.Observe(Report(Unset));

        Assert.That(producer.AcknowledgedWithoutOffset, Is.Zero);
    }

    [Test]
    public async Task Audit_sees_each_record_as_produced_with_its_status_and_offset()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        cluster.CreateTopic("audited", 1);
        var audit = new RecordingAudit();
        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(KafkaTestClients.Options(cluster)), audit: audit);
        var records = Enumerable.Range(0, 3).Select(i => KafkaTestClients.Record("k", "v" + i)).ToList();

        foreach (var record in records)
            producer.Enqueue("audited", record);
        await producer.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.That(audit.Reports.Select(r => (r.Topic, r.Status, r.Offset.Value)), Is.EqualTo(new[]
        {
            ("audited", PersistenceStatus.Persisted, 0L), ("audited", PersistenceStatus.Persisted, 1L), ("audited", PersistenceStatus.Persisted, 2L),
        }));
        Assert.That(audit.Reports.Select(r => r.Message.Value), Is.EqualTo(records.Select(r => r.Value)), "the very values produced, for the ledger to identify");
        Assert.That(producer.AcknowledgedWithoutOffset, Is.Zero);
    }

    private static DeliveryReport<byte[], byte[]> Report(long offset, ErrorCode error = ErrorCode.NoError)
        => new() { TopicPartitionOffset = new TopicPartitionOffset("cdr", 3, offset), Error = new Error(error), Message = new Message<byte[], byte[]>() };

    private sealed class RecordingAudit : IDeliveryAudit
    {
        public List<DeliveryReport<byte[], byte[]>> Reports { get; } = [];

        public void Delivered(DeliveryReport<byte[], byte[]> report)
        {
            lock (Reports)
                Reports.Add(report);
        }

        public void Releasing(TopicPartitionOffset next)
        {
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                Warnings.Add(formatter(state, exception));
        }
    }
}
