using Confluent.Kafka;
using FraudStream.Ingest.DeadLetters;
using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;
using FraudStream.Ingest.Tests.Kafka;

namespace FraudStream.Ingest.Tests.Consuming;

[TestFixture]
public sealed class CdrConsumerTests : ConsumerFixture
{
    private static IEnumerable<(string Key, string Value)> Calls(int count, int callers = 40)
        => Enumerable.Range(0, count).Select(i =>
        {
            var caller = $"+86138{i % callers:D8}";
            return (caller, TestCdrs.Voice(recordId: $"r-{i:D6}", caller: caller));
        });

    [Test]
    public async Task Clean_run_delivers_every_record_once_in_key_order_and_commits_the_end()
    {
        const int count = 3000;
        var (ingest, kafka) = NewTopics(6);
        await ProduceAsync(ingest.Topic, Calls(count));
        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var run = NewConsumer(kafka, ingest, handler, deadLetters).RunAsync(stop.Token);
        await handler.WaitForEventsAsync(count, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var seen = handler.Seen.ToList();
        Assert.That(seen.Select(s => s.RecordId), Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(count));
        foreach (var perCaller in seen.GroupBy(s => s.Caller))
            Assert.That(perCaller.Select(s => s.RecordId), Is.Ordered, $"order of {perCaller.Key}");
        Assert.That(Committed(kafka, ingest.Topic, 6), Is.EqualTo(EndOffsets(ingest.Topic, 6)));
    }

    [Test]
    public async Task Offsets_are_committed_only_after_the_handler_acknowledges()
    {
        var (ingest, kafka) = NewTopics(1);
        await ProduceAsync(ingest.Topic, Calls(200));
        var handler = new RecordingHandler(open: false);
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var run = NewConsumer(kafka, ingest, handler, deadLetters).RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref handler.BatchesStarted) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await Task.Delay(2500); // longer than the auto-commit interval: a premature store would be committed by now
        var whileHeld = Committed(kafka, ingest.Topic, 1)[0];
        handler.Open();
        await handler.WaitForEventsAsync(200, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.BatchesStarted, Is.GreaterThan(0));
        Assert.That(whileHeld, Is.LessThan(0), "nothing may be committed while the first batch is unacknowledged");
        Assert.That(Committed(kafka, ingest.Topic, 1)[0], Is.EqualTo(200));
    }

    [Test]
    public async Task Bad_records_go_to_the_dead_letter_topic_with_reasons_and_the_partition_keeps_flowing()
    {
        var (ingest, kafka) = NewTopics(1);
        (string, string)[] records =
        [
            ("+8613800000001", TestCdrs.Voice(recordId: "good-1")),
            ("+8613800000001", "{not json"),
            ("+8613800000001", TestCdrs.Voice(recordId: "bad-dur", duration: -5)),
            ("+8613800000001", TestCdrs.Voice(recordId: "good-2")),
        ];
        await ProduceAsync(ingest.Topic, records);
        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = NewConsumer(kafka, ingest, handler, deadLetters);
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(2, TimeSpan.FromSeconds(30));
        var dlq = KafkaTestClients.Drain(Cluster, ingest.DeadLetterTopic, "dlq-reader", 2, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Seen.Select(s => s.RecordId), Is.EqualTo(new[] { "good-1", "good-2" }));
        Assert.That(consumer.Statistics.DeadLettered, Is.EqualTo(2));
        Assert.That(dlq.Select(KafkaTestClients.Value), Is.EqualTo(new[] { records[1].Item2, records[2].Item2 }), "original bytes");
        Assert.That(dlq.Select(KafkaTestClients.Key), Has.All.EqualTo("+8613800000001"), "original key");
        Assert.That(dlq.Select(r => Header(r, DeadLetterHeaders.ErrorCode)), Is.EqualTo(new[] { "not_json", "bad_value" }));
        Assert.That(dlq.Select(r => Header(r, DeadLetterHeaders.SourceOffset)), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(dlq.Select(r => Header(r, DeadLetterHeaders.SourceTopic)), Has.All.EqualTo(ingest.Topic));
        Assert.That(Header(dlq[1], DeadLetterHeaders.ErrorMessage), Does.Contain("durationSec"));
        Assert.That(Committed(kafka, ingest.Topic, 1)[0], Is.EqualTo(4));
    }

    [Test]
    public async Task Redelivered_record_ids_are_dropped_and_counted()
    {
        var (ingest, kafka) = NewTopics(2);
        var calls = Calls(100, callers: 5).ToList();
        await ProduceAsync(ingest.Topic, calls.Concat(calls.Take(30)));
        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = NewConsumer(kafka, ingest, handler, deadLetters);
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(100, TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (consumer.Statistics.Records < 130 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Seen.Select(s => s.RecordId).ToList(), Is.Unique.And.Count.EqualTo(100));
        Assert.That(consumer.Statistics.Duplicates, Is.EqualTo(30));
    }

    /// <remarks>
    /// The callee stage reads the records re-keyed by callee and, in the same partitions, copies of calls abroad
    /// keyed by the caller: same recordId, another purpose. Neither may drop the other; a redelivered copy is
    /// still a duplicate.
    /// </remarks>
    [Test]
    public async Task Derived_copies_are_deduplicated_apart_from_their_originals()
    {
        var (ingest, kafka) = NewTopics(1);
        var calls = Calls(40, callers: 4).ToList();
        using (var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka)))
        {
            static Message<byte[], byte[]> Copy((string Key, string Value) call)
            {
                var copy = KafkaTestClients.Record(call.Key, call.Value);
                copy.Headers = new Headers { { "copy", [] } };
                return copy;
            }

            foreach (var call in calls)
            {
                producer.Enqueue(ingest.Topic, KafkaTestClients.Record(call.Key, call.Value));
                producer.Enqueue(ingest.Topic, Copy(call));
            }

            foreach (var call in calls.Take(10))
                producer.Enqueue(ingest.Topic, Copy(call));
            await producer.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }

        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();
        var consumer = NewConsumer(kafka, ingest, handler, deadLetters, derivedCopyHeader: "copy");
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(80, TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (consumer.Statistics.Records < 90 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Seen.GroupBy(s => s.RecordId).Select(g => g.Count()).ToList(), Has.Count.EqualTo(40).And.All.EqualTo(2), "each original and its copy");
        Assert.That(consumer.Statistics.Duplicates, Is.EqualTo(10), "the redelivered copies");
    }

    [Test]
    public async Task Handler_failure_stops_the_consumer_and_its_batch_is_redelivered_to_the_next_one()
    {
        var (ingest, kafka) = NewTopics(1);
        await ProduceAsync(ingest.Topic, Calls(50));
        var failing = new RecordingHandler { FailWhen = _ => true };
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));

        var failed = NewConsumer(kafka, ingest, failing, deadLetters).RunAsync(CancellationToken.None);
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(TimeSpan.FromSeconds(60)));

        var handler = new RecordingHandler();
        using var stop = new CancellationTokenSource();
        var run = NewConsumer(kafka, ingest, handler, deadLetters).RunAsync(stop.Token);
        await handler.WaitForEventsAsync(50, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(error!.Message, Does.Contain("handler failure for the test"));
        Assert.That(handler.Seen.Select(s => s.RecordId), Is.EquivalentTo(Enumerable.Range(0, 50).Select(i => $"r-{i:D6}")));
    }

    [Test]
    public async Task Slow_handler_with_small_buffers_pauses_fetching_and_loses_nothing()
    {
        const int count = 2000;
        var (ingest, kafka) = NewTopics(2, o =>
        {
            o.MaxBatchSize = 20;
            o.PartitionBufferSize = 40;
        });
        await ProduceAsync(ingest.Topic, Calls(count));
        var handler = new RecordingHandler { Delay = TimeSpan.FromMilliseconds(2) };
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = NewConsumer(kafka, ingest, handler, deadLetters);
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(count, TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var seen = handler.Seen.ToList();
        Assert.That(consumer.Statistics.Pauses, Is.GreaterThan(0), "back-pressure must have paused fetching");
        Assert.That(seen.Select(s => s.RecordId).ToList(), Is.Unique.And.Count.EqualTo(count));
        foreach (var perPartition in seen.GroupBy(s => s.Partition))
            Assert.That(perPartition.Select(s => s.Offset), Is.Ordered.And.Unique, $"partition {perPartition.Key}");
        Assert.That(Committed(kafka, ingest.Topic, 2), Is.EqualTo(EndOffsets(ingest.Topic, 2)));
    }

    private static string Header(ConsumeResult<byte[], byte[]> record, string name)
        => System.Text.Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}
