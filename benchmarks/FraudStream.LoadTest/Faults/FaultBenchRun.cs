using System.Diagnostics;
using System.Text.Json;
using FraudStream.Alerts.Pipeline;
using FraudStream.LoadTest.Harness;
using Microsoft.Extensions.Logging;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// <c>fraudstream bench --faults</c>: every scenario of the fault matrix, one after the other, each on its own
/// cluster; prints the results to <paramref name="output"/>, writes JSON, appends to the results file.
/// </summary>
/// <param name="output">Where the results are printed.</param>
/// <param name="error">Where progress, each scenario's outcome and the one-line summary of a failed run are written.</param>
/// <param name="settings">What to run, from the command's options.</param>
/// <param name="options">The pipeline's configuration, as <c>fraudstream run</c> would read it; each scenario points it at its own cluster and Redis.</param>
/// <param name="loggers">The pipelines' loggers.</param>
public sealed class FaultBenchRun(TextWriter output, TextWriter error, FaultBenchSettings settings, ServiceOptions options, ILoggerFactory loggers)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs the scenarios, prints and appends the results; false when a scenario did not hold (the reason written to the error writer).</summary>
    public async Task<bool> RunAsync(CancellationToken stopping)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadAtStart = MachineInfo.LoadAverage();
        var machine = MachineInfo.Describe();
        var scenarios = settings.Scenarios.Count == 0 ? FaultScenarios.All : [.. settings.Scenarios.Select(n => FaultScenarios.Find(n)!)];
        error.WriteLine($"bench --faults: {scenarios.Count} scenarios × {settings.Records:N0} records, {settings.Partitions} partitions; {machine.Describe(markdown: false)}; commit {machine.Commit}; load average {loadAtStart}");

        var results = new List<FaultResult>();
        foreach (var scenario in scenarios)
        {
            error.WriteLine($"bench --faults: {scenario.Name} ({scenario.Description})");
            var result = await FaultScenarioRun.RunAsync(scenario, settings, options, loggers, stopping).ConfigureAwait(false);
            results.Add(result);
            error.WriteLine($"bench --faults: {scenario.Name}: records {result.Records:N0}, decided {result.Decided:N0} of {result.Valid:N0}, dead-lettered {result.DeadLettered:N0}, missing {result.Missing:N0}, duplicates {result.Duplicates:N0} (bound {result.DuplicateBound:N0}), dropped {result.Dropped:N0}, lost by the broker after acknowledging {(result.Audited ? $"{result.BrokerLost:N0}" : "not audited")}, {result.Seconds:F1} s{(result.Observed is null ? "" : "; " + result.Observed)}{(result.BrokerLoss is null ? "" : "; " + result.BrokerLoss)}{(result.Held ? "" : " — DID NOT HOLD" + (result.Failure is null ? "" : ": " + result.Failure))}");
        }

        var report = new FaultBenchReport
        {
            Command = settings.CommandLine,
            Commit = machine.Commit,
            Started = started,
            TotalSeconds = clock.Elapsed.TotalSeconds,
            Machine = machine,
            LoadAverageAtStart = loadAtStart,
            LoadAverageAtEnd = MachineInfo.LoadAverage(),
            RecordsPerScenario = settings.Records,
            Partitions = settings.Partitions,
            Rate = settings.Rate,
            PartitionBufferSize = options.Ingest.PartitionBufferSize,
            MaxBatchSize = options.Ingest.MaxBatchSize,
            Scenarios = results,
        };

        var markdown = FaultResultsMarkdown.Render(report);
        await output.WriteAsync(markdown).ConfigureAwait(false);
        if (settings.JsonPath is { } json)
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, s_json), stopping).ConfigureAwait(false);
        var resultsPath = settings.ResultsPath ?? (settings.HistoryDirectory is { } history ? RunHistory.Prepare(history, started) : null);
        if (resultsPath is { } path)
        {
            await File.AppendAllTextAsync(path, "\n" + markdown, stopping).ConfigureAwait(false);
            await error.WriteLineAsync($"bench --faults: appended to {path}").ConfigureAwait(false);
        }

        if (report.Held)
            return true;
        await error.WriteLineAsync($"fraudstream bench --faults: {results.Count(r => !r.Held)} of {results.Count} scenarios did not hold ({report.Missing:N0} records missing)").ConfigureAwait(false);
        return false;
    }
}
