using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>
/// Fault matrix item 10, slow scoring: batches that take far longer than the session timeout and the max poll
/// interval in total must not get the member evicted. The poll loop keeps polling (a partition with a slow
/// batch is paused, not waited for), so the group never sees a silent member.
/// </summary>
[TestFixture]
public sealed class SlowHandlerTests : ConsumerFixture
{
    [Test]
    public async Task Batches_slower_in_total_than_the_max_poll_interval_evict_no_member_and_repeat_nothing()
    {
        const int count = 1200;
        var (ingest, kafka) = NewTopics(2, i => i.MaxBatchSize = 50);
        kafka.SessionTimeoutMs = 6_000;
        kafka.MaxPollIntervalMs = 7_000;
        await ProduceAsync(ingest.Topic, Enumerable.Range(0, count).Select(i =>
        {
            var caller = $"+86138{i % 40:D8}";
            return (caller, TestCdrs.Voice(recordId: $"slow-{i:D4}", caller: caller));
        }));
        // 12 batches of 50 per partition at 1 s each: 12 s of scoring per partition, beyond both timeouts.
        var handler = new RecordingHandler { Delay = TimeSpan.FromSeconds(1) };
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = NewConsumer(kafka, ingest, handler, deadLetters);
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(count, TimeSpan.FromSeconds(60));
        // Before the stop, whose close revokes the partitions on purpose.
        var revokedWhileRunning = handler.Revoked.ToList();
        var lostWhileRunning = consumer.Statistics.PartitionsLost;
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Seen.Select(s => s.RecordId), Is.Unique, "a record handled twice: the member lost its partitions");
        Assert.That(handler.Seen, Has.Count.EqualTo(count));
        Assert.That(lostWhileRunning, Is.Zero);
        Assert.That(revokedWhileRunning, Is.Empty, "no rebalance while the only member was busy scoring");
        Assert.That(Committed(kafka, ingest.Topic, 2), Is.EqualTo(EndOffsets(ingest.Topic, 2)));
    }
}
