using System.Collections.Concurrent;
using FraudStream.Ingest.Consuming;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>A batch handler that records what it saw and can be held, slowed or made to fail.</summary>
internal sealed class RecordingHandler : IBatchHandler
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _events;

    public RecordingHandler(bool open = true)
    {
        if (open)
            _gate.SetResult();
    }

    public ConcurrentQueue<(int Partition, long Offset, string RecordId, string Caller)> Seen { get; } = new();

    public ConcurrentQueue<int> Revoked { get; } = new();

    public TimeSpan Delay { get; set; }

    public Func<EventBatch, bool>? FailWhen { get; set; }

    public int Events => Volatile.Read(ref _events);

    public int BatchesStarted;

    public void Open() => _gate.TrySetResult();

    public async Task HandleAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref BatchesStarted);
        await _gate.Task.WaitAsync(cancellationToken);
        if (FailWhen?.Invoke(batch) == true)
            throw new InvalidOperationException("handler failure for the test");
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay, cancellationToken);

        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch.Events[i];
            Seen.Enqueue((batch.Partition, batch.Offsets[i], e.RecordId, e.Caller.ToString()));
        }

        Interlocked.Add(ref _events, batch.Count);
    }

    public void OnPartitionsRevoked(string topic, IReadOnlyList<int> partitions)
    {
        foreach (var partition in partitions)
            Revoked.Enqueue(partition);
    }

    public async Task WaitForEventsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Events < count && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.That(Events, Is.GreaterThanOrEqualTo(count), $"the handler saw {Events} of {count} events within {timeout}");
    }
}
