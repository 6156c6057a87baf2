using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>Two members of one group: partitions move cooperatively, revoked ones are drained and committed first.</summary>
[TestFixture]
public sealed class RebalanceTests : ConsumerFixture
{
    [Test]
    public async Task Second_member_takes_over_partitions_without_loss_or_duplicates()
    {
        const int half = 1500;
        var (ingest, kafka) = NewTopics(6);
        var records = Enumerable.Range(0, 2 * half).Select(i => ($"+86138{i % 60:D8}", TestCdrs.Voice(recordId: $"r-{i:D6}", caller: $"+86138{i % 60:D8}"))).ToList();
        await ProduceAsync(ingest.Topic, records.Take(half));

        var first = new RecordingHandler();
        var second = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();

        var firstConsumer = NewConsumer(kafka, ingest, first, deadLetters);
        var secondConsumer = NewConsumer(kafka, ingest, second, deadLetters);
        var runFirst = firstConsumer.RunAsync(stopFirst.Token);
        await first.WaitForEventsAsync(half, TimeSpan.FromSeconds(60));
        // The mock cluster refuses OffsetCommit while a rebalance is in progress (REBALANCE_IN_PROGRESS), which
        // a real broker accepts from current members; so let the background commit land before the second
        // member joins, or the revocation's own commit may be refused under load and records redelivered.
        var ends = EndOffsets(ingest.Topic, 6);
        var committedBy = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < committedBy)
        {
            var committed = Committed(kafka, ingest.Topic, 6);
            if (ends.All(e => committed[e.Key] == e.Value))
                break;
            await Task.Delay(200);
        }
        var runSecond = secondConsumer.RunAsync(stopSecond.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (first.Revoked.IsEmpty && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await Task.Delay(1000); // let the second member's assignment settle before new records arrive
        await ProduceAsync(ingest.Topic, records.Skip(half));

        deadline = DateTime.UtcNow.AddSeconds(60);
        while (first.Events + second.Events < 2 * half && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await stopSecond.CancelAsync();
        await stopFirst.CancelAsync();
        await Task.WhenAll(runFirst, runSecond).WaitAsync(TimeSpan.FromSeconds(60));

        var all = first.Seen.Concat(second.Seen).Select(s => s.RecordId).ToList();
        Assert.That(first.Revoked, Is.Not.Empty, "the first member gave up partitions");
        Assert.That(second.Events, Is.GreaterThan(0), "the second member processed its share");
        Assert.That(all, Is.Unique, "a cooperative hand-over after drain and commit redelivers nothing");
        Assert.That(all, Is.EquivalentTo(records.Select((_, i) => $"r-{i:D6}")));
        // Revoked partitions are drained and their records released like any other: every slab but the one being filled is back.
        Assert.That(firstConsumer.Slabs.Created, Is.GreaterThan(1), "the records filled more than one slab");
        Assert.That(firstConsumer.Slabs.Free, Is.EqualTo(firstConsumer.Slabs.Created - 1), "slabs of the first member back in its pool");
        Assert.That(secondConsumer.Slabs.Free, Is.EqualTo(secondConsumer.Slabs.Created - 1), "slabs of the second member back in its pool");
    }
}
