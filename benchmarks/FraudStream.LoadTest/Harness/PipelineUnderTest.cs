using System.Diagnostics;
using FraudStream.Alerts.Pipeline;
using Microsoft.Extensions.Logging;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// The full pipeline of <c>fraudstream run</c> (both stages, one idempotent producer, the label replica, auto
/// labels), observed from outside through its statistics only: nothing in it is instrumented for the bench.
/// </summary>
internal sealed class PipelineUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan s_stall = TimeSpan.FromSeconds(60);
    // The harness runs in the measured process: each poll is a timer fire and a thread-pool wake, counted as
    // FraudStream's own CPU (at 5 ms: two thirds of the .NET timer thread's CPU in phase B, measured). 20 ms
    // still ends a phase within 0.2 % of a 10 s one.
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);

    private readonly ScoringPipeline _pipeline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public PipelineUnderTest(BenchKafka kafka, ScoringRuntime runtime, ILoggerFactory loggers)
    {
        _pipeline = new ScoringPipeline(kafka.Kafka, kafka.Ingest, kafka.Alerts, runtime.Services, runtime.AutoLabeler, loggers);
        _running = _pipeline.RunAsync(_stop.Token);
    }

    public ScoringPipeline Pipeline => _pipeline;

    /// <summary>
    /// Phase B: waits until the caller stage has finished <paramref name="records"/> CDR records and the callee
    /// stage every record the caller stage re-keyed (both stages' outputs acknowledged, offsets stored).
    /// Timed from the first finished batch; the records of that batch are not counted.
    /// </summary>
    public async Task<Usage> DrainAsync(long records, BenchProgress progress, Func<string> whyStalled, CancellationToken cancellationToken)
    {
        var caller = _pipeline.CallerIngest;
        while (caller.Records == 0)
        {
            await WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_running.IsCompleted)
                await _running.ConfigureAwait(false);
        }

        var start = ProcessMeter.Now();
        var counted = caller.Records;
        await WaitCaughtUpAsync(records, progress, whyStalled, cancellationToken).ConfigureAwait(false);
        return ProcessMeter.Now().Since(start, caller.Records - counted);
    }

    /// <summary>Waits until <paramref name="records"/> caller records and all their re-keyed records are done.</summary>
    public async Task WaitCaughtUpAsync(long records, BenchProgress? progress, Func<string> whyStalled, CancellationToken cancellationToken)
    {
        var caller = _pipeline.CallerIngest;
        var callee = _pipeline.CalleeIngest;
        var lastDone = -1L;
        var lastChange = Stopwatch.GetTimestamp();
        while (!(caller.Records >= records && callee.Records >= _pipeline.CalleeRecordsDue))
        {
            await WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_running.IsCompleted)
                await _running.ConfigureAwait(false);
            var done = caller.Records + callee.Records;
            if (done != lastDone)
            {
                lastDone = done;
                lastChange = Stopwatch.GetTimestamp();
                progress?.Report(caller.Records);
            }
            else if (Stopwatch.GetElapsedTime(lastChange) > s_stall)
            {
                throw new BenchFailedException(
                    $"the pipeline made no progress for {s_stall.TotalSeconds:F0} s: caller stage {caller.Records:N0} of {records:N0} records, callee stage {callee.Records:N0} of {_pipeline.CalleeRecordsDue:N0}; {whyStalled()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        finally
        {
            _pipeline.Dispose();
            _stop.Dispose();
        }
    }

    private static Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(s_poll, cancellationToken);
}
