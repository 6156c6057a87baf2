using FraudStream.Ingest.Consuming;

namespace FraudStream.Ingest.Tests.Consuming;

public sealed class TransactionGateTests
{
    [Test]
    public async Task A_commit_waits_for_the_slice_in_flight_and_new_slices_wait_for_the_commit()
    {
        var gate = new TransactionGate();
        await gate.EnterAsync(CancellationToken.None);

        Assert.That(gate.Close(TimeSpan.FromMilliseconds(100)), Is.False, "a slice is in flight: the commit must wait");

        var next = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.That(next.IsCompleted, Is.False, "the gate is closing: a new slice waits");

        gate.Exit();
        Assert.That(gate.Close(TimeSpan.FromSeconds(5)), Is.True, "the slice finished: the commit may go");
        Assert.That(next.IsCompleted, Is.False, "still committing");

        gate.Open();
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        gate.Exit();
        Assert.That(gate.Close(TimeSpan.Zero), Is.True);
    }

    [Test]
    public void A_slice_waiting_at_a_closed_gate_can_be_cancelled()
    {
        var gate = new TransactionGate();
        Assert.That(gate.Close(TimeSpan.Zero), Is.True);
        using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(async () => await gate.EnterAsync(abort.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
