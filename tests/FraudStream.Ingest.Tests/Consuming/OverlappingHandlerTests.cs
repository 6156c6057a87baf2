using System.Collections.Concurrent;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>
/// A handler that overlaps acknowledgements gets a partition's next batch while the previous one's outputs are
/// in flight, never more than one outstanding, and offsets are stored only in order as the batches complete.
/// </summary>
[TestFixture]
public sealed class OverlappingHandlerTests : ConsumerFixture
{
    [Test]
    public async Task The_next_batch_is_handed_over_while_one_is_in_flight_and_offsets_follow_in_order()
    {
        var (ingest, kafka) = NewTopics(1, o => o.MaxBatchSize = 10);
        await ProduceAsync(ingest.Topic, Enumerable.Range(0, 60).Select(i => ("+8613800000001", TestCdrs.Voice(recordId: $"r-{i:D3}"))));
        var handler = new HeldAcknowledgements();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        using var stop = new CancellationTokenSource();

        var run = NewConsumer(kafka, ingest, handler, deadLetters).RunAsync(stop.Token);
        await Eventually(() => handler.Batches.Count >= 2, "a second batch while the first is held");
        await Task.Delay(2500); // past the auto-commit interval: a premature store would be committed by now
        var whileFirstHeld = Committed(kafka, ingest.Topic, 1)[0];
        var handedWhileFirstHeld = handler.Batches.Count;

        handler.Batches.ElementAt(1).Acknowledge.SetResult(); // the second completes first: nothing may be stored yet
        await Task.Delay(2500);
        var afterSecondOnly = Committed(kafka, ingest.Topic, 1)[0];

        handler.AcknowledgeEverything = true;
        foreach (var batch in handler.Batches)
            batch.Acknowledge.TrySetResult();
        await Eventually(() => handler.Events == 60, "every record handled");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(handedWhileFirstHeld, Is.EqualTo(2), "one batch outstanding, the next handed over, no third");
        Assert.That(whileFirstHeld, Is.LessThan(0), "nothing stored while the first batch is unacknowledged");
        Assert.That(afterSecondOnly, Is.LessThan(0), "the second batch's offset waits for the first");
        Assert.That(handler.MostOutstanding, Is.EqualTo(1));
        Assert.That(Committed(kafka, ingest.Topic, 1)[0], Is.EqualTo(60));
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("timed out waiting for: " + what);
            await Task.Delay(20);
        }
    }

    private sealed class HeldAcknowledgements : IBatchHandler
    {
        private int _events;

        public ConcurrentQueue<(int Count, TaskCompletionSource Acknowledge)> Batches { get; } = new();

        public volatile bool AcknowledgeEverything;

        public int MostOutstanding;

        public int Events => Volatile.Read(ref _events);

        public bool OverlapsAcknowledgement => true;

        public Task HandleAsync(EventBatch batch, CancellationToken cancellationToken)
        {
            var outstanding = Batches.Count(b => !b.Acknowledge.Task.IsCompleted);
            MostOutstanding = Math.Max(MostOutstanding, outstanding);
            var acknowledge = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (AcknowledgeEverything)
                acknowledge.SetResult();
            Batches.Enqueue((batch.Count, acknowledge));
            Interlocked.Add(ref _events, batch.Count);
            return acknowledge.Task.WaitAsync(cancellationToken);
        }
    }
}
