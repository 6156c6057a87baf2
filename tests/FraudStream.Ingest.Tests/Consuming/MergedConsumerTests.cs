using Confluent.Kafka;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;
using FraudStream.Ingest.Tests.Kafka;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>A consumer of a re-keyed topic that merges each partition in source order (<see cref="SourceOrder"/>).</summary>
[TestFixture]
public sealed class MergedConsumerTests : ConsumerFixture
{
    [Test]
    public async Task Records_reach_the_handler_in_source_order_and_watermarks_are_not_cdrs()
    {
        var (ingest, kafka) = NewTopics(1);
        // Source 1 arrives first with the later keys; source 0's watermark says it is past them only at the end.
        await ProduceAsync(ingest.Topic,
        [
            Ordered("s1-a", key: 200, source: 1),
            Ordered("s1-b", key: 400, source: 1),
            Ordered("s0-a", key: 100, source: 0),
            Ordered("s0-b", key: 300, source: 0),
            Watermarks((0, 500)),
            Ordered("s1-c", key: 600, source: 1),
        ]);
        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = Merging(kafka, ingest, handler, deadLetters, idle: TimeSpan.FromSeconds(30));
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(4, TimeSpan.FromSeconds(30));
        await Task.Delay(2500); // past the auto-commit interval
        var whileHeld = Committed(kafka, ingest.Topic, 1)[0];
        var seenWhileHeld = handler.Seen.Select(s => s.RecordId).ToList();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(seenWhileHeld, Is.EqualTo(new[] { "s0-a", "s1-a", "s0-b", "s1-b" }), "s1-c waits: source 0 may still send up to 600");
        Assert.That(whileHeld, Is.EqualTo(5), "the stored offset stops at the record still held");
        Assert.That(handler.Seen.Select(s => s.RecordId).Last(), Is.EqualTo("s1-c"), "released when the partition stopped");
        Assert.That(Committed(kafka, ingest.Topic, 1)[0], Is.EqualTo(6));
        Assert.That(consumer.Statistics.Control, Is.EqualTo(1));
        Assert.That(consumer.Statistics.DeadLettered, Is.Zero);
        Assert.That(consumer.Statistics.Records, Is.EqualTo(5), "CDRs, once processed");
    }

    [Test]
    public async Task A_silent_source_holds_the_partition_back_only_for_the_idle_time()
    {
        var (ingest, kafka) = NewTopics(1);
        await ProduceAsync(ingest.Topic, [Ordered("s0-a", key: 100, source: 0), Ordered("s0-b", key: 200, source: 0)]);
        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = Merging(kafka, ingest, handler, deadLetters, idle: TimeSpan.FromMilliseconds(300));
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(2, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Seen.Select(s => s.RecordId), Is.EqualTo(new[] { "s0-a", "s0-b" }));
        Assert.That(Committed(kafka, ingest.Topic, 1)[0], Is.EqualTo(2));
    }

    [Test]
    public async Task Malformed_watermarks_are_dead_lettered()
    {
        var (ingest, kafka) = NewTopics(1);
        using (var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka)))
        {
            producer.Enqueue(ingest.Topic, new Message<byte[], byte[]> { Value = [], Headers = new Headers { { SourceOrder.WatermarksHeader, [1] } } });
            await producer.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }

        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();
        var consumer = Merging(kafka, ingest, handler, deadLetters, idle: TimeSpan.FromMilliseconds(300));
        var run = consumer.RunAsync(stop.Token);
        var dlq = KafkaTestClients.Drain(Cluster, ingest.DeadLetterTopic, "dlq-reader", 1, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(dlq, Has.Count.EqualTo(1));
        Assert.That(consumer.Statistics.Control, Is.Zero);
    }

    private static CdrConsumer Merging(KafkaOptions kafka, IngestOptions ingest, IBatchHandler handler, KafkaBatchProducer deadLetters, TimeSpan idle)
        => new(kafka, ingest, handler, deadLetters, time: new FixedTime(TestCdrs.Now)) { SourceMergeIdle = idle };

    private static Message<byte[], byte[]> Ordered(string recordId, long key, int source)
    {
        var record = KafkaTestClients.Record("+8613900000002", TestCdrs.Voice(recordId: recordId));
        record.Headers = new Headers { { SourceOrder.Header, SourceOrder.Encode(key, source, sources: 2) } };
        return record;
    }

    private static Message<byte[], byte[]> Watermarks(params (int Source, long Key)[] marks)
        => new() { Value = [], Headers = new Headers { { SourceOrder.WatermarksHeader, SourceOrder.EncodeWatermarks(2, marks) } } };

    private async Task ProduceAsync(string topic, IEnumerable<Message<byte[], byte[]>> records)
    {
        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(KafkaTestClients.Options(Cluster)));
        foreach (var record in records)
            producer.Enqueue(topic, record);
        await producer.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }
}
