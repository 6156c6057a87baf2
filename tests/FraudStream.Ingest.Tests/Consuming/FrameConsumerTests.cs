using Confluent.Kafka;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.DeadLetters;
using FraudStream.Ingest.Frames;
using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;
using FraudStream.Ingest.Tests.Frames;
using FraudStream.Ingest.Tests.Kafka;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>A consumer of the callee topic reads frames (<see cref="FrameFormat"/>): many records per Kafka message.</summary>
[TestFixture]
public sealed class FrameConsumerTests : ConsumerFixture
{
    [Test]
    public async Task Frames_give_their_records_in_source_order_and_a_bad_frame_is_dead_lettered_without_stopping_the_partition()
    {
        var (ingest, kafka) = NewTopics(1);
        var late = Frame(source: 1, ("s1-a", 200), ("s1-b", 400));
        var early = Frame(source: 0, ("s0-a", 100), ("s0-b", 300), ("s0-c", 500));
        var bad = (byte[])early.Clone();
        bad[3] = 9; // a version this build does not read
        await ProduceAsync(ingest.Topic, [FrameMessage(late), FrameMessage(bad), FrameMessage(early), FrameMessage(Frame(source: 1, ("s1-c", 600)))]);
        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = new CdrConsumer(kafka, ingest, handler, deadLetters, time: new FixedTime(TestCdrs.Now)) { SourceMergeIdle = TimeSpan.FromMilliseconds(300) };
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(6, TimeSpan.FromSeconds(30));
        var dlq = KafkaTestClients.Drain(Cluster, ingest.DeadLetterTopic, "dlq-reader", 1, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Seen.Select(s => s.RecordId), Is.EqualTo(new[] { "s0-a", "s1-a", "s0-b", "s1-b", "s0-c", "s1-c" }));
        Assert.That(handler.Seen.Select(s => s.Offset), Is.EqualTo(new long[] { 2, 0, 2, 0, 2, 3 }), "each record carries its frame's offset");
        Assert.That(dlq, Has.Count.EqualTo(1));
        Assert.That(dlq[0].Message.Value, Is.EqualTo(bad), "the frame's own bytes");
        Assert.That(Header(dlq[0], DeadLetterHeaders.ErrorCode), Is.EqualTo("bad_frame"));
        Assert.That(Header(dlq[0], DeadLetterHeaders.ErrorMessage), Does.Contain("unknown frame version 9"));
        Assert.That(Header(dlq[0], DeadLetterHeaders.SourceOffset), Is.EqualTo("1"));
        Assert.That(consumer.Statistics.Records, Is.EqualTo(7), "six records and one dead letter");
        Assert.That(Committed(kafka, ingest.Topic, 1)[0], Is.EqualTo(4));
    }

    [Test]
    public async Task A_redelivered_frame_is_dropped_record_by_record_and_a_copy_is_not_its_original()
    {
        var (ingest, kafka) = NewTopics(1);
        using var writer = new FrameWriter();
        writer.Start(0, 0);
        writer.Add(TestFrames.Event(1, "r-1"), default);
        writer.Add(TestFrames.Event(1, "r-1"), new RecordHints(0, 0, 0, 0, HintFlags.OwnCallCopy));
        writer.Add(TestFrames.Event(2, "r-2"), default);
        var frame = writer.ToArray();
        await ProduceAsync(ingest.Topic, [FrameMessage(frame), FrameMessage(frame)]);
        var handler = new RecordingHandler();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = NewConsumer(kafka, ingest, handler, deadLetters);
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForEventsAsync(3, TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.Statistics.Records < 6 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Seen.Select(s => s.RecordId), Is.EqualTo(new[] { "r-1", "r-1", "r-2" }), "the copy beside its original, once each");
        Assert.That(consumer.Statistics.Duplicates, Is.EqualTo(3));
        Assert.That(consumer.Statistics.Records, Is.EqualTo(6));
    }

    private static byte[] Frame(int source, params (string Id, long Key)[] records)
    {
        using var writer = new FrameWriter();
        writer.Start(source, 2);
        foreach (var (id, key) in records)
            writer.Add(TestFrames.Event(1, id), new RecordHints(key, source, 2, 0, HintFlags.None));
        return writer.ToArray();
    }

    private static Message<byte[], byte[]> FrameMessage(byte[] frame) => new() { Value = frame, Headers = new Headers { { FrameFormat.Header, [] } } };

    private static string Header(ConsumeResult<byte[], byte[]> record, string name)
        => System.Text.Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));

    private async Task ProduceAsync(string topic, IEnumerable<Message<byte[], byte[]>> records)
    {
        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(KafkaTestClients.Options(Cluster)));
        foreach (var record in records)
            producer.Enqueue(topic, record);
        await producer.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }
}
