using System.CommandLine;
using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using FraudStream.Host.Service;
using FraudStream.LoadTest.Faults;
using FraudStream.LoadTest.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream bench</c>: the options of the load harness (benchmarks/FraudStream.LoadTest), which measures the
/// embedded (or a real) Kafka client's raw ceiling, the whole pipeline's throughput and CPU per event against it,
/// open-loop event→alert latency, the scoring core's scaling, and the naive baseline; prints the results and appends
/// them to benchmarks/history/. With <c>--faults</c>, the fault matrix at scale instead (<see cref="RunFaults"/>).
/// </summary>
internal static partial class BenchCommand
{
    public static Command Create(CliContext cli)
    {
        var quick = new Option<bool>("--quick") { Description = "A short run (under a minute): fewer records, short phases, no results file unless --results." };
        var count = new Option<long?>("--count") { Description = $"CDRs pre-loaded and drained (default {BenchSettings.DefaultCount:N0}; {BenchSettings.QuickCount:N0} with --quick).", HelpName = "N" };
        var bootstrap = new Option<string>("--bootstrap") { Description = "A real Kafka cluster, host:port[,host:port], instead of the embedded one; the run creates and deletes its own topics.", HelpName = "servers" };
        var rate = new Option<int?>("--rate") { Description = "CDRs per second of the open-loop latency phase (default: half the measured pipeline maximum).", HelpName = "per-second" };
        var partitions = new Option<int?>("--partitions") { Description = $"Partitions of the bench topics (default: N / {BenchSettings.EmbeddedRecordsPerPartition:N0}, at least 6).", HelpName = "P" };
        var json = new Option<string>("--json") { Description = "Also write every figure as JSON to this file.", HelpName = "file" };
        var results = new Option<string>("--results") { Description = "Markdown file to append the results to, the plot PNG beside it (default for a full run: benchmarks/history/<yyyy-MM>.md, the UTC month of its start).", HelpName = "file" };
        var noResults = new Option<bool>("--no-results") { Description = "Append nothing (a full run appends to benchmarks/history/<yyyy-MM>.md by default)." };
        var allocations = new Option<bool>("--allocations") { Description = "Also sample what phase B allocates (the runtime's allocation ticks, one per ~100 KB) and report the types allocated most, in bytes per CDR." };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated traffic.", DefaultValueFactory = _ => 42 };
        var faults = new Option<bool>("--faults") { Description = "Run the fault matrix instead: every scenario on its own embedded cluster, a ledger of every record; the whole matrix at the default --records appends to benchmarks/history/<yyyy-MM>.md unless --no-results." };
        var records = new Option<long?>("--records") { Description = $"With --faults: simulated CDRs per scenario (default {FaultBenchSettings.DefaultRecords:N0}).", HelpName = "N" };
        var scenario = new Option<string[]>("--scenario") { Description = $"With --faults: run only this scenario (repeatable): {string.Join(", ", FaultBenchSettings.ScenarioNames)}.", HelpName = "name" };
        var command = new Command("bench", "Measure throughput, CPU and latency; --faults tests delivery guarantees.")
        {
            quick, count, bootstrap, rate, partitions, json, results, noResults, allocations, seed, faults, records, scenario,
        };

        command.SetAction((parse, _) =>
        {
            var isQuick = parse.GetValue(quick);
            var resultsFile = parse.GetValue(results);
            if (parse.GetValue(noResults) && resultsFile is not null)
                throw new UsageException("--results and --no-results contradict each other: give one");
            // Neither given: a full run appends to the run history.
            var resultsByDefault = !parse.GetValue(noResults) && resultsFile is null;
            if (parse.GetValue(faults))
            {
                foreach (var (given, name) in new[] { (isQuick, "--quick"), (parse.GetValue(count) is not null, "--count"), (parse.GetValue(bootstrap) is not null, "--bootstrap"), (parse.GetValue(rate) is not null, "--rate"), (parse.GetValue(partitions) is not null, "--partitions"), (parse.GetValue(allocations), "--allocations") })
                {
                    if (given)
                        throw new UsageException($"{name} does not apply to --faults (each scenario runs on its own embedded cluster, sized by --records)");
                }

                return RunFaults(cli, new FaultBenchSettings
                {
                    Records = parse.GetValue(records) ?? FaultBenchSettings.DefaultRecords,
                    Scenarios = parse.GetValue(scenario) ?? [],
                    JsonPath = parse.GetValue(json),
                    ResultsPath = resultsFile,
                    // Only the whole matrix at its default size is a result to keep; a trial run appends only with --results.
                    HistoryDirectory = resultsByDefault && parse.GetValue(records) is null && parse.GetValue(scenario) is not { Length: > 0 } ? History() : null,
                    Seed = parse.GetValue(seed),
                    CommandLine = CommandLine(parse),
                }, parse.GetValue(cli.Config));
            }

            if (parse.GetValue(records) is not null || parse.GetValue(scenario) is { Length: > 0 })
                throw new UsageException("--records and --scenario go with --faults");
            var settings = new BenchSettings
            {
                Quick = isQuick,
                Allocations = parse.GetValue(allocations),
                Count = parse.GetValue(count) ?? (isQuick ? BenchSettings.QuickCount : BenchSettings.DefaultCount),
                Bootstrap = parse.GetValue(bootstrap),
                Rate = parse.GetValue(rate),
                Partitions = parse.GetValue(partitions),
                JsonPath = parse.GetValue(json),
                ResultsPath = resultsFile,
                HistoryDirectory = resultsByDefault && !isQuick ? History() : null,
                Seed = parse.GetValue(seed),
                CommandLine = CommandLine(parse),
            };
            if (settings.Validate() is { } problem)
                throw new UsageException(problem);

            var overrides = new List<KeyValuePair<string, string?>> { new("Logging:LogLevel:Default", "Warning") };
            if (settings.Bootstrap is not null)
                overrides.Add(new("Kafka:BootstrapServers", settings.Bootstrap));
            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), overrides);
            ServiceOptions.Register(builder);
            return CommandHost.RunAsync(builder, async (services, stopping) =>
                await new BenchRun(cli.Output, cli.Error, settings, ServiceOptions.From(services), services.GetRequiredService<ILoggerFactory>()).RunAsync(stopping).ConfigureAwait(false)
                    ? ExitCodes.Ok : ExitCodes.Failed);
        });
        return command;
    }

    private static string CommandLine(ParseResult parse)
        => "fraudstream " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"'{t.Value}'" : t.Value));

    // benchmarks/history/, where a full run appends to the file of its month by default.
    private static string History()
        => RunHistory.FindDirectory() ?? throw new UsageException("benchmarks/ not found above the working directory: pass --results FILE or --no-results");
}
