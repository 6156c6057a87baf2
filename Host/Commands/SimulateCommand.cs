using System.CommandLine;
using System.Globalization;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Kafka;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream simulate</c>: realistic CDR traffic with known fraud to a JSON Lines file, a Kafka topic or
/// both, with the ground truth as CSV. Ends with one summary line on stdout.
/// </summary>
internal static class SimulateCommand
{
    private const double DefaultKafkaRate = 50_000;

    public static Command Create(CliContext cli)
    {
        var arguments = new SimulateArguments();
        var command = new Command("simulate", "Generate CDR traffic with known fraud, to Kafka or a JSONL file.");
        foreach (var option in arguments.All)
            command.Options.Add(option);

        command.SetAction((parse, _) =>
        {
            var request = arguments.Parse(parse);
            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), CommandLineOverrides.From(parse, (arguments.Bootstrap, "Kafka:BootstrapServers")));
            return CommandHost.RunAsync(builder, (services, stopping) =>
                RunAsync(cli, request, services.GetRequiredService<IOptions<KafkaOptions>>().Value, stopping));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, SimulateRequest request, KafkaOptions kafka, CancellationToken stopping)
    {
        var toKafka = !string.IsNullOrWhiteSpace(kafka.BootstrapServers);
        if (request.Out is null && !toKafka)
            throw new UsageException("nowhere to write: give --out file.jsonl or --bootstrap host:port");

        var limits = toKafka && !request.RateGiven ? request.Limits with { Rate = DefaultKafkaRate } : request.Limits;
        var options = request.Simulation with { ExpectedRecords = limits.ExpectedRecords() };

        // Both files are opened before anything runs, so a bad path costs nothing.
        IRecordSink? sink = request.Out is null ? null : OpenForWriting(request.Out, "--out", JsonLinesFileSink.Create);
        StreamWriter? truth = null;
        try
        {
            truth = request.Truth is null ? null : OpenForWriting(request.Truth, "--truth", static p => new StreamWriter(p));
            if (toKafka)
            {
                var kafkaSink = KafkaRecordSink.Connect(kafka, request.Topic);
                sink = sink is null ? kafkaSink : new TeeSink(sink, kafkaSink);
            }

            var simulator = new TrafficSimulator(options);
            var summary = cli.IsTerminal
                ? await RunWithProgressAsync(cli, simulator, sink!, limits, stopping).ConfigureAwait(false)
                : await SimulationRun.RunAsync(simulator, sink!, limits, TimeProvider.System, null, stopping).ConfigureAwait(false);

            if (truth is not null)
            {
                simulator.Truth.WriteCsv(truth);
                await truth.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await cli.Output.WriteLineAsync(Describe(summary, simulator, request, toKafka ? kafka.BootstrapServers : null)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OutputUnavailableException e)
        {
            await cli.Error.WriteLineAsync("fraudstream: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            if (sink is not null)
                await sink.DisposeAsync().ConfigureAwait(false);
            if (truth is not null)
                await truth.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<RunSummary> RunWithProgressAsync(CliContext cli, TrafficSimulator simulator, IRecordSink sink, RunLimits limits, CancellationToken stopping)
    {
        var target = limits.Target;
        RunSummary summary = default;
        await cli.CreateConsole().Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("simulating", maxValue: target == long.MaxValue ? 1 : target);
                task.IsIndeterminate = target == long.MaxValue;
                var progress = new Progress<long>(done =>
                {
                    task.Value = Math.Min(done, task.MaxValue);
                    task.Description = done.ToString("N0", CultureInfo.InvariantCulture) + " records";
                });
                summary = await SimulationRun.RunAsync(simulator, sink, limits, TimeProvider.System, progress, stopping).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return summary;
    }

    private static string Describe(RunSummary s, TrafficSimulator simulator, SimulateRequest request, string? bootstrap)
    {
        var c = CultureInfo.InvariantCulture;
        var to = (request.Out, bootstrap) switch
        {
            ({ } file, { } servers) => $"{file} and Kafka {servers} topic {request.Topic}",
            ({ } file, null) => file,
            _ => $"Kafka {bootstrap} topic {request.Topic}",
        };
        var truth = request.Truth is null ? "no ground truth file" : string.Create(c, $"ground truth: {simulator.Truth.Entries.Count} numbers of {simulator.FraudActors} fraud actors in {request.Truth}");
        return string.Create(c, $"{(s.Stopped ? "stopped: " : "")}{s.Records:N0} records ({s.Duplicates:N0} duplicates, {s.Malformed:N0} malformed) to {to} in {s.Elapsed.TotalSeconds:F2} s, {s.RecordsPerSecond:N0} records/s; simulated {request.Simulation.Start:yyyy-MM-dd HH:mm} to {simulator.SimulatedTime:yyyy-MM-dd HH:mm} ({request.Simulation.Start:zzz}); {truth}");
    }

    private static T OpenForWriting<T>(string path, string option, Func<string, T> open)
    {
        try
        {
            return open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option} {path}: cannot write ({e.Message})");
        }
    }
}
