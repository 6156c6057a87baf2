using System.Diagnostics;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// Samples the process while a pipeline is overloaded: its live managed heap (after a full collection, so garbage
/// not yet collected does not count), its working set, and the consumer lag as <c>/metrics</c> reports it
/// (<c>fraudstream_consumer_lag</c>: the instrument's values, read by a <see cref="ConsumerLagReader"/>).
/// </summary>
internal sealed class OverloadProbe : IDisposable
{
    private readonly ConsumerLagReader _lag = new();
    private readonly List<OverloadSample> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly TimeSpan _interval;

    private OverloadProbe(TimeSpan interval)
    {
        _interval = interval;
        _thread = new Thread(Run) { IsBackground = true, Name = "overload-probe" };
    }

    /// <summary>The live managed heap before sampling started.</summary>
    public long BaselineHeapBytes { get; private set; }

    /// <summary>Starts sampling every <paramref name="interval"/> on a thread of its own.</summary>
    public static OverloadProbe Start(TimeSpan interval)
    {
        var probe = new OverloadProbe(interval);
        probe.BaselineHeapBytes = GC.GetTotalMemory(forceFullCollection: true);
        probe._thread.Start();
        return probe;
    }

    /// <summary>A copy of the samples so far.</summary>
    public IReadOnlyList<OverloadSample> Samples
    {
        get
        {
            lock (_samples)
                return [.. _samples];
        }
    }

    /// <summary>The caller stage's lag as /metrics reports it now.</summary>
    public long CallerLag() => _lag.Read().Caller;

    public OverloadSample Sample()
    {
        var (caller, callee) = _lag.Read();
        return new OverloadSample(_clock.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet, caller, callee);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _lag.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_interval))
        {
            var sample = Sample();
            lock (_samples)
                _samples.Add(sample);
        }
    }
}
