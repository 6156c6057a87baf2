using Confluent.Kafka;
using FraudStream.LoadTest.Faults;
using static FraudStream.LoadTest.Tests.Faults.LedgerRecords;

namespace FraudStream.LoadTest.Tests.Faults;

/// <summary>
/// The harness's audit turns delivery reports into evidence by the ledger's identities, and only reports of the very
/// outputs the ledger misses may excuse them: r-1 at 0@0 (valid) and a malformed record at 0@1, none of whose outputs
/// is in the log.
/// </summary>
[TestFixture]
public sealed class DeliveryAuditTests
{
    private const long Unset = -1001;

    [Test]
    public void Outputs_acknowledged_without_an_offset_before_the_input_was_released_are_the_brokers_loss()
    {
        var audit = new DeliveryAudit(IngestTopics, AlertsTopics);
        audit.Delivered(Report(Decision("r-1")));
        audit.Delivered(Report(Rekeyed("r-1")));
        audit.Delivered(Report(DeadLetter(0, 1)));
        audit.Releasing(new TopicPartitionOffset(IngestTopics.Topic, 0, 2));

        var ledger = NothingInTheLog(audit);

        Assert.That(ledger.BrokerLost, Has.Count.EqualTo(3));
        Assert.That(ledger.BrokerLostWithoutOffset, Is.EqualTo(3));
        Assert.That(ledger.Whole, Is.True, ledger.Shortfall());
    }

    [Test]
    public void Reports_of_other_records_with_the_same_id_excuse_nothing()
    {
        var audit = new DeliveryAudit(IngestTopics, AlertsTopics);
        // The callee stage's decision, the copy of a call abroad, a dead letter of the re-keyed topic's 0@1.
        audit.Delivered(Report(Decision("r-1", stage: "callee")));
        audit.Delivered(Report(Rekeyed("r-1", callAbroadCopy: true)));
        audit.Delivered(Report(DeadLetter(0, 1, sourceTopic: AlertsTopics.CalleeTopic)));
        audit.Releasing(new TopicPartitionOffset(IngestTopics.Topic, 0, 2));

        var ledger = NothingInTheLog(audit);

        Assert.That(ledger.BrokerLost, Is.Empty);
        Assert.That(ledger.Lost, Is.EqualTo(new[] { "r-1 (0@0): no delivery report: never produced" }));
        Assert.That(ledger.NotForwarded, Is.EqualTo(new[] { "r-1 (0@0): no delivery report: never produced" }));
        Assert.That(ledger.NotDeadLettered, Is.EqualTo(new[] { "0@1: no delivery report: never produced" }));
        Assert.That(ledger.Whole, Is.False);
    }

    [Test]
    public void Releases_of_another_topic_or_before_the_acknowledgement_excuse_nothing()
    {
        var audit = new DeliveryAudit(IngestTopics, AlertsTopics);
        audit.Releasing(new TopicPartitionOffset(IngestTopics.Topic, 0, 2));
        audit.Delivered(Report(Decision("r-1")));
        audit.Delivered(Report(Rekeyed("r-1"), error: ErrorCode.Local_MsgTimedOut));
        audit.Releasing(new TopicPartitionOffset(AlertsTopics.CalleeTopic, 0, 5));

        var ledger = NothingInTheLog(audit);

        Assert.That(ledger.BrokerLost, Is.Empty);
        Assert.That(ledger.Lost, Is.EqualTo(new[] { "r-1 (0@0): its input offset was released for storing before it was acknowledged" }));
        Assert.That(ledger.NotForwarded, Is.EqualTo(new[] { "r-1 (0@0): its delivery failed and it was not produced again" }));
    }

    private static DeliveryLedger NothingInTheLog(DeliveryAudit audit)
        => DeliveryLedger.Check([Cdr("r-1", 0, 0), Malformed(0, 1)], [], [], IngestTopics, [], audit.Evidence);

    // The report librdkafka gives a record it implicitly acknowledged: persisted, no error, no offset.
    private static DeliveryReport<byte[], byte[]> Report(ConsumeResult<byte[], byte[]> produced, ErrorCode error = ErrorCode.NoError)
        => new()
        {
            TopicPartitionOffset = new TopicPartitionOffset(produced.Topic, 0, Unset),
            Error = new Error(error),
            Status = error == ErrorCode.NoError ? PersistenceStatus.Persisted : PersistenceStatus.NotPersisted,
            Message = produced.Message,
        };
}
