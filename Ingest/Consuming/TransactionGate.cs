namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Lets a transaction commit only between slices of work: partition workers enter before producing a slice's
/// outputs and exit after reporting its offsets; the committer closes the gate, waits until no slice is in
/// flight, commits (outputs and offsets together) and opens it again. So a transaction holds a slice's outputs
/// if and only if it holds that slice's offsets.
/// </summary>
internal sealed class TransactionGate
{
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private TaskCompletionSource _open = Opened();
    private int _inFlight;
    private bool _closing;

    /// <summary>Waits while a commit is in progress, then counts the caller in.</summary>
    public async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task open;
            lock (_lock)
            {
                if (!_closing)
                {
                    if (_inFlight++ == 0)
                        _idle.Reset();
                    return;
                }

                open = _open.Task;
            }

            await open.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            if (--_inFlight == 0)
                _idle.Set();
        }
    }

    /// <summary>Stops new slices and waits for those in flight; false if they did not finish in <paramref name="timeout"/>.</summary>
    public bool Close(TimeSpan timeout)
    {
        lock (_lock)
        {
            if (!_closing)
            {
                _closing = true;
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return _idle.Wait(timeout);
    }

    public void Open()
    {
        TaskCompletionSource open;
        lock (_lock)
        {
            _closing = false;
            open = _open;
        }

        open.TrySetResult();
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
