using System.Diagnostics;
using FraudStream.Alerts.Pipeline;
using FraudStream.LoadTest.Harness;
using FraudStream.Simulator;
using Microsoft.Extensions.Logging;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// One scenario: fresh cluster and pipeline, traffic started, the fault injected once a quarter of it is consumed,
/// wait until both stages committed the end of their topics, check the broker dropped nothing, read the ledger, and
/// check what the scenario expects beyond it (<see cref="FaultScenario.Verify"/>, <see cref="FaultNotes"/>).
/// </summary>
internal static class FaultScenarioRun
{
    private static readonly TimeSpan s_sampleEvery = TimeSpan.FromMilliseconds(500);

    public static async Task<FaultResult> RunAsync(FaultScenario scenario, FaultBenchSettings settings, ServiceOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var simulation = new SimulationOptions { Seed = (ulong)settings.Seed, Duplicates = 0.02, Malformed = 0.002, ExpectedRecords = settings.Records };
        var simulator = new TrafficSimulator(simulation);
        await using var run = await FaultCluster.StartAsync(options, settings.Partitions, $"fraudstream-faults-{scenario.Name}", scenario.Setup, loggers, cancellationToken).ConfigureAwait(false);
        var rate = scenario.MinTraffic is { } span ? Math.Min(settings.Rate, Math.Ceiling(settings.Records / span.TotalSeconds)) : settings.Rate;
        if (rate < settings.Rate)
            run.Notes.Observe($"traffic sent in bursts of {rate:N0} a second, so that it lasts {scenario.MinTraffic!.Value.TotalSeconds:F0} s");
        var bound = scenario.Bound == DuplicateBound.UncommittedWindow ? run.UncommittedWindow(rate) : 0;
        try
        {
            OverloadProbe? probe = null;
            long heapBound = 0;
            if (scenario.Overload)
            {
                probe = OverloadProbe.Start(s_sampleEvery);
                heapBound = probe.BaselineHeapBytes + OverloadBound.HeapGrowthBytes(run.Ingest, run.Partitions, settings.Records, simulation.Population);
            }

            OverloadResult? overload;
            using (probe)
            {
                var atOnce = scenario.Overload || scenario.Backlog;
                var traffic = run.ProduceAsync(simulator, settings.Records, atOnce ? 0 : rate, cancellationToken);
                if (scenario.Backlog)
                    await traffic.ConfigureAwait(false);
                await run.WhenConsumedAsync(settings.Records / 4, cancellationToken).ConfigureAwait(false);
                await scenario.Inject(run).ConfigureAwait(false);
                await traffic.ConfigureAwait(false);
                await run.WaitCommittedAsync(cancellationToken).ConfigureAwait(false);
                overload = probe is null ? null : await OverloadAsync(probe, heapBound, OverloadBound.BufferedRecords(run.Ingest, run.Partitions), cancellationToken).ConfigureAwait(false);
            }

            var dropped = run.Dropped();
            var ledger = await run.LedgerAsync().ConfigureAwait(false);
            var withoutOffset = run.Pipelines.Sum(static p => p.AcknowledgedWithoutOffset);
            if (withoutOffset > 0)
                run.Notes.Observe($"{withoutOffset:N0} outputs reported delivered without an offset (fraudstream.kafka.acknowledged_without_offset, warning 1101)");
            scenario.Verify?.Invoke(run, ledger);
            if (scenario.Bound == DuplicateBound.Measured)
                bound = run.MeasuredBound;
            string?[] problems = [ledger.Whole ? null : ledger.Shortfall(), run.Notes.Unmet];
            var failure = string.Join("; ", problems.Where(static p => p is not null));
            return new FaultResult(scenario.Name, scenario.Item, scenario.Description, ledger.Records, ledger.Valid, ledger.Decided, ledger.DeadLettered, ledger.Malformed,
                ledger.Missing, ledger.NotForwarded.Count, ledger.Duplicates + ledger.DeadLetterDuplicates, bound, dropped, clock.Elapsed.TotalSeconds, overload,
                failure.Length == 0 ? null : failure)
            {
                Observed = run.Notes.Observed,
                BrokerLost = ledger.BrokerLost.Count,
                BrokerLostWithoutOffset = ledger.BrokerLostWithoutOffset,
                BrokerLoss = ledger.BrokerLost.Count == 0 ? null : ledger.BrokerLoss(),
                Audited = ledger.Audited,
            };
        }
        catch (BenchFailedException e)
        {
            return new FaultResult(scenario.Name, scenario.Item, scenario.Description, 0, 0, 0, 0, 0, 0, 0, 0, scenario.Bound == DuplicateBound.Measured ? run.MeasuredBound : bound, 0, clock.Elapsed.TotalSeconds, null, e.Message) { Observed = run.Notes.Observed };
        }
    }

    // The lag is refreshed about once a second from what the fetches report: give it a few to reach 0.
    private static async Task<OverloadResult> OverloadAsync(OverloadProbe probe, long heapBound, long buffered, CancellationToken cancellationToken)
    {
        var after = probe.Sample();
        for (var i = 0; i < 20 && after.CallerLag + after.CalleeLag > 0; i++)
        {
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            after = probe.Sample();
        }

        var samples = probe.Samples;
        return new OverloadResult(probe.BaselineHeapBytes, samples.Count == 0 ? 0 : samples.Max(s => s.HeapBytes), heapBound,
            samples.Count == 0 ? 0 : samples.Max(s => s.WorkingSetBytes), samples.Count == 0 ? 0 : samples.Max(s => s.CallerLag),
            samples.Count == 0 ? 0 : samples.Max(s => s.CalleeLag), after.CallerLag + after.CalleeLag, samples.Count, buffered);
    }
}
