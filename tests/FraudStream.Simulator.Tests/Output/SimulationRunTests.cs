using System.Diagnostics;
using FraudStream.Simulator.Output;

namespace FraudStream.Simulator.Tests.Output;

[TestFixture]
public sealed class SimulationRunTests
{
    private static readonly SimulationOptions s_options = new() { Population = 2_000, Duplicates = 0.05, Malformed = 0.01 };

    [Test]
    public async Task RunAsync_count_emits_exactly_that_many_records_and_counts_duplicates_and_malformed()
    {
        var sink = new MemorySink();

        var summary = await SimulationRun.RunAsync(new TrafficSimulator(s_options), sink, new RunLimits(25_001, null, 0), TimeProvider.System, null, CancellationToken.None);

        Assert.That(summary.Records, Is.EqualTo(25_001));
        Assert.That(sink.Records, Has.Count.EqualTo(25_001));
        Assert.That(summary.Duplicates, Is.InRange(900, 1_500));
        Assert.That(summary.Malformed, Is.InRange(150, 350));
        Assert.That(summary.Stopped, Is.False);
    }

    [Test]
    public async Task RunAsync_rate_and_duration_emit_rate_times_duration_records_paced_over_the_duration()
    {
        var sink = new MemorySink();
        var clock = Stopwatch.StartNew();

        var summary = await SimulationRun.RunAsync(new TrafficSimulator(s_options), sink, new RunLimits(null, TimeSpan.FromSeconds(1.5), 2_000), TimeProvider.System, null, CancellationToken.None);

        Assert.That(summary.Records, Is.EqualTo(3_000));
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.3)), "paced, not as fast as possible");
        Assert.That(sink.Batches, Is.GreaterThanOrEqualTo(60), "in batches of about 20 ms");
    }

    [Test]
    public async Task RunAsync_cancelled_stops_early_says_so_and_flushes_what_was_written()
    {
        var sink = new MemorySink();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var summary = await SimulationRun.RunAsync(new TrafficSimulator(s_options), sink, new RunLimits(1_000_000, null, 10_000), TimeProvider.System, null, stop.Token);

        Assert.That(summary.Stopped, Is.True);
        Assert.That(summary.Records, Is.InRange(1, 100_000));
        Assert.That(sink.Records, Has.Count.EqualTo(summary.Records));
    }

    [Test]
    public async Task RunAsync_keys_every_record_by_its_caller()
    {
        var sink = new MemorySink();

        await SimulationRun.RunAsync(new TrafficSimulator(s_options with { Malformed = 0 }), sink, new RunLimits(5_000, null, 0), TimeProvider.System, null, CancellationToken.None);

        Assert.That(sink.Records.Select(r => (r.Key, CdrContract.Parse(r.Record, out _)!.Caller)), Has.All.Matches<(string Key, string Caller)>(p => p.Key == p.Caller));
    }
}
