using FraudStream.Ingest.Consuming;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>The reusable wait behind event-time alignment and the ordered merge: a wake, the timeout or cancellation ends it.</summary>
[TestFixture]
public sealed class WakeSignalTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromMinutes(5);

    [Test]
    public async Task WaitAsync_woken_by_another_thread_ends_before_the_timeout()
    {
        using var signal = new WakeSignal();
        signal.Arm();
        var wait = signal.WaitAsync(s_long, CancellationToken.None).AsTask();
        Assert.That(wait.IsCompleted, Is.False, "nothing woke it yet");

        await Task.Run(signal.Wake);

        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(wait.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public void WaitAsync_after_a_wake_of_the_armed_round_is_already_complete()
    {
        using var signal = new WakeSignal();
        signal.Arm();
        signal.Wake(); // between looking at the condition and waiting: must not be lost

        Assert.That(signal.WaitAsync(s_long, CancellationToken.None).IsCompleted, Is.True);
    }

    [Test]
    public void Wake_before_the_round_is_armed_does_not_end_its_wait()
    {
        using var signal = new WakeSignal();
        signal.Wake();
        signal.Arm();

        var wait = signal.WaitAsync(s_long, CancellationToken.None);

        Assert.That(wait.IsCompleted, Is.False);
        signal.Wake();
        Assert.That(wait.IsCompleted, Is.True);
    }

    [Test]
    public async Task WaitAsync_without_a_wake_ends_after_the_timeout()
    {
        using var signal = new WakeSignal();
        for (var round = 0; round < 3; round++)
        {
            signal.Arm();
            var wait = signal.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None).AsTask();
            await wait.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That(wait.IsCompletedSuccessfully, Is.True, $"round {round}: the re-armed timer ended the wait");
        }
    }

    [Test]
    public async Task WaitAsync_with_an_infinite_timeout_ends_on_cancellation()
    {
        using var signal = new WakeSignal();
        using var cancellation = new CancellationTokenSource();
        signal.Arm();
        var wait = signal.WaitAsync(Timeout.InfiniteTimeSpan, cancellation.Token).AsTask();
        Assert.That(wait.IsCompleted, Is.False);

        await cancellation.CancelAsync();

        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(cancellation.IsCancellationRequested, Is.True);
    }

    [Test]
    public void WaitAsync_on_a_cancelled_token_is_already_complete()
    {
        using var signal = new WakeSignal();
        signal.Arm();

        Assert.That(signal.WaitAsync(s_long, new CancellationToken(canceled: true)).IsCompleted, Is.True);
    }

    [Test]
    public async Task Rounds_allocate_nothing_once_warm()
    {
        using var signal = new WakeSignal();
        using var cancellation = new CancellationTokenSource();
        await Round(signal, cancellation.Token);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
            await Round(signal, cancellation.Token);

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);

        static async ValueTask Round(WakeSignal signal, CancellationToken token)
        {
            signal.Arm();
            signal.Wake();
            await signal.WaitAsync(s_long, token);
        }
    }
}
