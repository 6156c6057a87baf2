using System.Collections.Concurrent;
using System.Globalization;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>
/// A backlog read by partitions at different speeds: with alignment, no partition runs ahead of a slower one by
/// more than <see cref="IngestOptions.MaxEventTimeSkew"/> of event time, even inside one large batch.
/// </summary>
[TestFixture]
public sealed class EventTimeAlignmentTests : ConsumerFixture
{
    private const int PerCaller = 400;

    [TestCase(5)]
    [TestCase(30)]
    public async Task A_fast_partition_waits_for_a_slow_one_within_the_skew(int skewMinutes)
    {
        var skew = TimeSpan.FromMinutes(skewMinutes);
        var (ingest, kafka) = NewTopics(2, i => i.MaxEventTimeSkew = skew);
        await ProduceAsync(ingest.Topic, Backlog());
        var handler = new TimelineHandler(slowPartition: 1);
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var consumer = NewConsumer(kafka, ingest, handler, deadLetters);
        var run = consumer.RunAsync(stop.Token);
        await handler.WaitForAsync(2 * PerCaller * 4, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handler.Timeline.Select(t => t.Partition).Distinct().Count(), Is.EqualTo(2), "both partitions delivered");
        Assert.That(Drift(handler.Timeline), Is.LessThanOrEqualTo(skew), "partitions drifted apart in event time");
        Assert.That(consumer.AlignmentWaits, Is.GreaterThan(0), "the fast partition waited");
        Assert.That(consumer.Statistics.Events, Is.EqualTo(2 * PerCaller * 4), "every event of a batch cut into slices is counted, not only its last slice's");
    }

    [Test]
    public async Task Without_alignment_the_same_backlog_drifts_by_hours()
    {
        var (ingest, kafka) = NewTopics(2, i => i.MaxEventTimeSkew = TimeSpan.Zero);
        await ProduceAsync(ingest.Topic, Backlog());
        var handler = new TimelineHandler(slowPartition: 1);
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var run = NewConsumer(kafka, ingest, handler, deadLetters).RunAsync(stop.Token);
        await handler.WaitForAsync(2 * PerCaller * 4, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(Drift(handler.Timeline), Is.GreaterThan(TimeSpan.FromHours(1)), "the control: this test's traffic does drift without alignment");
    }

    [Test]
    public async Task A_batch_cut_into_slices_stores_no_offset_of_any_slice_when_its_last_slice_fails()
    {
        var (ingest, kafka) = NewTopics(2, i => i.MaxEventTimeSkew = TimeSpan.FromMinutes(5));
        await ProduceAsync(ingest.Topic, Backlog());
        var handler = new FailingLastSliceHandler(fastPartition: 0, slowPartition: 1);
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = NewConsumer(kafka, ingest, handler, deadLetters).RunAsync(stop.Token);

        Assert.ThrowsAsync<InvalidOperationException>(() => run, "the last slice's failure (its outputs not acknowledged) stops the consumer");
        Assert.That(handler.FailedBatchFirstOffset, Is.Not.Null, "alignment cut a batch of the fast partition into slices");
        Assert.That(Committed(kafka, ingest.Topic, 2)[0], Is.LessThanOrEqualTo(handler.FailedBatchFirstOffset!.Value),
            "the slices handled before the failed last one are not stored: their outputs were only acknowledged with it");
    }

    // Events of one partition are in time order, so the largest distance any event is behind everything
    // handled before it is how far the partitions drifted apart.
    private static TimeSpan Drift(IEnumerable<(int Partition, long StartMs)> timeline)
    {
        long? latest = null;
        long worst = 0;
        foreach (var (_, startMs) in timeline)
        {
            latest ??= startMs;
            worst = Math.Max(worst, latest.Value - startMs);
            latest = Math.Max(latest.Value, startMs);
        }

        return TimeSpan.FromMilliseconds(worst);
    }

    // Four callers' calls, one every 15 s each over the hours before TestCdrs.Start, produced in time order.
    private static IEnumerable<(string Key, string Value)> Backlog()
    {
        var end = DateTimeOffset.Parse(TestCdrs.Start, CultureInfo.InvariantCulture);
        var callers = new[] { "+8613800000001", "+8613800000002", "+8613800000003", "+8613800000004" };
        for (var i = 0; i < PerCaller * 2; i++)
        {
            var start = end - TimeSpan.FromSeconds(15 * (PerCaller * 2 - i));
            foreach (var caller in callers)
                yield return (caller, TestCdrs.Voice(recordId: $"{caller}-{i}", caller: caller, start: start.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture)));
        }
    }

    // Lets each slice with more to follow pass unacknowledged, as the pipeline does, and fails the last slice of
    // the first such batch of the fast partition, as a delivery error reported at acknowledgement would.
    private sealed class FailingLastSliceHandler(int fastPartition, int slowPartition) : IBatchHandler
    {
        private long? _slicedBatchFirstOffset;

        public long? FailedBatchFirstOffset { get; private set; }

        public async Task HandleAsync(EventBatch batch, CancellationToken cancellationToken)
        {
            if (batch.Partition == slowPartition)
            {
                await Task.Delay(20, cancellationToken);
                return;
            }

            if (batch.Partition != fastPartition)
                return;
            if (batch.MoreSlicesFollow)
            {
                _slicedBatchFirstOffset ??= batch.Offsets[0];
                return;
            }

            if (_slicedBatchFirstOffset is { } first)
            {
                FailedBatchFirstOffset = first;
                throw new InvalidOperationException("delivery failed for the test");
            }
        }
    }

    private sealed class TimelineHandler(int slowPartition) : IBatchHandler
    {
        private int _events;

        public ConcurrentQueue<(int Partition, long StartMs)> Timeline { get; } = new();

        public async Task HandleAsync(EventBatch batch, CancellationToken cancellationToken)
        {
            for (var i = 0; i < batch.Count; i++)
                Timeline.Enqueue((batch.Partition, batch.Events[i].StartTimeMs));
            Interlocked.Add(ref _events, batch.Count);
            if (batch.Partition == slowPartition)
                await Task.Delay(20, cancellationToken);
        }

        public void OnPartitionsRevoked(string topic, IReadOnlyList<int> partitions)
        {
        }

        public async Task WaitForAsync(int events, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Volatile.Read(ref _events) < events && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.That(Volatile.Read(ref _events), Is.EqualTo(events), "every event handled");
        }
    }
}
