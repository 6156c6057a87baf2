using System.Diagnostics;
using System.Globalization;
using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Commands;
using FraudStream.Host.Operations;
using FraudStream.Host.Web;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Redis;
using FraudStream.Simulator.Output;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FraudStream.Host.Demo;

/// <summary>One demo run: start the embedded parts, seed, send traffic through <c>run</c>'s pipeline, watch, judge.</summary>
internal sealed class DemoRun(CliContext cli, ServiceOptions options, OperationsOptions operations, DemoSettings settings, ILoggerFactory loggers)
{
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(120);

    private readonly IAnsiConsole _console = cli.CreateConsole();

    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var (kafka, ingest, alerts, runtimeOptions) = options;
        _console.MarkupLine("[bold]FraudStream demo[/] — embedded Kafka, a private Redis, simulated carrier traffic with known fraud, the full pipeline");

        using var cluster = string.IsNullOrEmpty(kafka.BootstrapServers) ? EmbeddedKafkaCluster.Start(3) : null;
        const int partitions = 6;
        if (cluster is not null)
        {
            foreach (var topic in new[] { ingest.Topic, alerts.CalleeTopic, alerts.Topic })
                cluster.CreateTopic(topic, partitions);
            cluster.CreateTopic(ingest.DeadLetterTopic, 1);
            kafka.BootstrapServers = cluster.BootstrapServers;
            kafka.SessionTimeoutMs = 6000;
            _console.MarkupLineInterpolated($"  Kafka: embedded, {cluster.BrokerCount} brokers at {cluster.BootstrapServers} (librdkafka {LibrdkafkaLoader.Version} mock cluster)");
        }
        else
        {
            await TopicSetup.EnsureAsync(kafka, ingest, alerts, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            _console.MarkupLineInterpolated($"  Kafka: {kafka.BootstrapServers}");
        }

        using var redisServer = string.IsNullOrEmpty(runtimeOptions.Redis.Configuration) ? PrivateRedisServer.Start() : null;
        if (redisServer is not null)
            runtimeOptions.Redis.Configuration = redisServer.Configuration;
        _console.MarkupLineInterpolated($"  Redis: {(redisServer is null ? "" : "private redis-server at ")}{runtimeOptions.Redis.Describe()}");

        var clock = Stopwatch.StartNew();
        var traffic = DemoTraffic.Plan(settings.Population, settings.Seed, settings.Records);
        _console.MarkupLineInterpolated($"  Traffic: {settings.Records:N0} CDRs at {settings.Rate:N0}/s from {settings.Population:N0} subscribers, seed {settings.Seed}; ground truth of {traffic.Truth.Entries.Count:N0} fraud numbers (planned in {clock.Elapsed.TotalSeconds:F1} s)");

        await using var runtime = await ScoringRuntime.StartAsync(runtimeOptions, loggers, stopping).ConfigureAwait(false);
        clock.Restart();
        var history = DemoHistory.Play(traffic.Options, settings.HistoryDays, runtime.Services);
        _console.MarkupLineInterpolated($"  History: {(history == 0 ? "none, a cold start (--history 0): every pair is new to the pair memory" : $"{history:N0} events of the {settings.HistoryDays} days before, played into the pair memory (who called whom) in {clock.Elapsed.TotalSeconds:F1} s, as a running service holds")}");
        var seeded = await traffic.SeedAsync(new LabelStore(runtime.Redis!, runtimeOptions.Blocklist), stopping).ConfigureAwait(false);
        await runtime.Replica!.ResyncAsync(stopping).ConfigureAwait(false);
        _console.MarkupLineInterpolated($"  Seeded: {seeded}");
        _console.MarkupLineInterpolated($"  Model: {(runtime.Services.Model is { } m ? $"ML.NET {m.Trainer} {m.Version}" : "none (rules only)")}; thresholds {runtime.Thresholds.FilePath}");

        using var pipeline = new ScoringPipeline(kafka, ingest, alerts, runtime.Services, runtime.AutoLabeler, loggers);
        using var collector = new AlertCollector(kafka, alerts.Topic, partitions);
        using var rates = new RateHistory();
        var analyst = new AnalystContext(kafka, alerts.Topic, new LabelStore(runtime.Redis!, runtimeOptions.Blocklist), ingest.HomeCountryCode, operations.AnalystToken, rates);
        await using var page = await AnalystPage.StartAsync(operations, analyst, pipeline, stopping).ConfigureAwait(false);
        _console.MarkupLineInterpolated($"  Analyst's page: [bold]{page.Address}[/] ({(operations.AnalystToken.Length > 0 ? "labelling with Operations:AnalystToken" : "read-only: set FRAUDSTREAM__Operations__AnalystToken to label from it")}); metrics at {page.Address}metrics");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var running = pipeline.RunAsync(stop.Token);

        long produced = 0;
        var sending = Send(kafka, ingest.Topic, traffic, settings.Rate, new Progress<long>(n => Interlocked.Exchange(ref produced, n)), stopping);
        var view = new LiveView(pipeline, () => Interlocked.Read(ref produced));
        var summary = await Watch(view, pipeline, sending, running, stopping).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);

        // The alerts the pipeline produced are acknowledged; give the analyst's reader a moment to read them all.
        for (var i = 0; i < 100 && collector.Count < pipeline.Statistics.TotalAlerts; i++)
            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);

        var report = new DemoReport(_console, pipeline, collector, traffic, summary, ingest.DeadLetterTopic);
        return report.Write() ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<RunSummary> Send(KafkaOptions kafka, string topic, DemoTraffic traffic, int rate, IProgress<long> progress, CancellationToken cancellationToken)
    {
        await using var sink = KafkaRecordSink.Connect(kafka, topic);
        return await SimulationRun.RunAsync(traffic.CreateSimulator(), sink, new RunLimits(traffic.Records, null, rate), TimeProvider.System, progress, cancellationToken).ConfigureAwait(false);
    }

    // Until every record is sent, consumed by both stages and its alerts read back, or the drain times out.
    private async Task<RunSummary> Watch(LiveView view, ScoringPipeline pipeline, Task<RunSummary> sending, Task running, CancellationToken stopping)
    {
        RunSummary? summary = null;
        var drained = false;
        var deadline = DateTime.MaxValue;
        async Task Loop(Action refresh)
        {
            var lines = 0;
            while (!stopping.IsCancellationRequested && !running.IsCompleted && !drained)
            {
                await Task.Delay(1000, stopping).ConfigureAwait(false);
                view.Sample();
                refresh();
                if (++lines % 5 == 0 && !cli.IsTerminal)
                    _console.WriteLine(view.Line());
                if (summary is null && sending.IsCompleted)
                {
                    summary = await sending.ConfigureAwait(false);
                    deadline = DateTime.UtcNow + s_drainTimeout;
                }

                drained = summary is { } sent && Caught(pipeline, sent);
                if (DateTime.UtcNow > deadline)
                    break;
            }
        }

        try
        {
            if (cli.IsTerminal)
                await _console.Live(view.Render()).StartAsync(ctx => Loop(() => ctx.UpdateTarget(view.Render()))).ConfigureAwait(false);
            else
                await Loop(() => { }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        return summary ?? (sending.IsCompletedSuccessfully ? sending.Result : new RunSummary(0, 0, 0, TimeSpan.Zero, true));
    }

    private static bool Caught(ScoringPipeline pipeline, RunSummary sent)
        => pipeline.CallerIngest.Records >= sent.Records
           && pipeline.CalleeIngest.Records >= pipeline.CalleeRecordsDue
           && pipeline.CallerIngest.TotalLag == 0 && pipeline.CalleeIngest.TotalLag == 0;
}
