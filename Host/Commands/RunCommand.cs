using System.CommandLine;
using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;
using FraudStream.Host.Service;
using FraudStream.Host.Web;
using FraudStream.Scoring.Blocklist;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream run</c>: the production service. CDRs in from the carrier's topic, alerts (and optionally
/// decisions) out, labels from Redis; runs until Ctrl-C or SIGTERM, then finishes its batches, commits and leaves.
/// </summary>
internal static partial class RunCommand
{
    /// <summary>How long the start (and <c>--check</c>) waits for Kafka's metadata before calling it unreachable.</summary>
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(10);

    public static Command Create(CliContext cli)
    {
        var bootstrap = new Option<string>("--bootstrap") { Description = "Kafka bootstrap servers, host:port[,host:port] (Kafka:BootstrapServers).", HelpName = "servers" };
        var redis = new Option<string>("--redis") { Description = "Redis holding labels and policies, StackExchange.Redis syntax e.g. localhost:6379 (Redis:Configuration). Without it: rules and model only, decisions flagged degraded.", HelpName = "config" };
        var group = new Option<string>("--group") { Description = "Consumer group (Kafka:GroupId); instances with the same group share the partitions. Default fraudstream.", HelpName = "id" };
        var model = new Option<string>("--model") { Description = "ML.NET model zip from `fraudstream train` (Scoring:ModelPath). Default: the shipped model.", HelpName = "file" };
        var decisions = new Option<bool>("--publish-decisions") { Description = "Also write one compact decision per event to the decision topic (Alerts:PublishDecisions)." };
        var exactlyOnce = new Option<bool>("--exactly-once") { Description = "Read-process-write in Kafka transactions: each output exactly once for read_committed readers (Kafka:ExactlyOnce). Set Kafka:InstanceId to a stable name per instance." };
        var otlp = new Option<string>("--otlp")
        {
            Description = "Also push the metrics served at /metrics (Operations:Listen, default http://127.0.0.1:9464) to an OpenTelemetry collector over OTLP/HTTP protobuf, "
                + "e.g. http://127.0.0.1:4318 (Operations:Otlp:Endpoint; every Operations:Otlp:ExportInterval, default 1 min).",
            HelpName = "url",
        };
        var check = new Option<bool>("--check")
        {
            Description = "Check, then exit instead of running: the configuration, the model and thresholds files, Kafka and the topics, Redis (PING). "
                + "Prints a summary (exit 0) or one line saying what to fix (exit 2 bad configuration, 1 unreachable); consumes, produces and creates nothing.",
        };
        var command = new Command("run", "Score CDRs from Kafka and publish alerts; --check tests the setup first.")
        {
            check,
            bootstrap,
            redis,
            group,
            model,
            decisions,
            exactlyOnce,
            otlp,
        };

        command.SetAction((parse, _) =>
        {
            var overrides = CommandLineOverrides.From(parse, (bootstrap, "Kafka:BootstrapServers"), (redis, "Redis:Configuration"), (group, "Kafka:GroupId"), (model, "Scoring:ModelPath"), (otlp, "Operations:Otlp:Endpoint"));
            if (parse.GetValue(decisions))
                overrides.Add(new("Alerts:PublishDecisions", "true"));
            if (parse.GetValue(exactlyOnce))
                overrides.Add(new("Kafka:ExactlyOnce", "true"));
            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), overrides);
            ServiceOptions.Register(builder);
            return parse.GetValue(check)
                ? CommandHost.RunAsync(builder, (services, stopping) => RunCheck.RunAsync(cli, services, stopping))
                : CommandHost.RunAsync(builder, (services, stopping) => RunAsync(cli, services, stopping));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, IServiceProvider services, CancellationToken stopping)
    {
        var options = ServiceOptions.From(services);
        if (options.Kafka.Validate(bootstrapRequired: true) is { } kafkaProblem)
            throw new UsageException(kafkaProblem);

        var loggers = services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger("FraudStream.Run");
        // Model and thresholds first: a bad file is a configuration error (exit 2) whatever the state of Kafka.
        await using var runtime = await ScoringRuntime.StartAsync(options.Runtime, loggers, stopping).ConfigureAwait(false);
        try
        {
            var created = await TopicSetup.EnsureAsync(options.Kafka, options.Ingest, options.Alerts, SetupTimeout).ConfigureAwait(false);
            if (created.Count > 0)
                Log.TopicsCreated(logger, string.Join(", ", created));
        }
        catch (PipelineSetupException e)
        {
            await cli.Error.WriteLineAsync("fraudstream run: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        if (runtime.DegradedReason is { } degraded)
        {
            Log.Degraded(logger, degraded);
            await cli.Error.WriteLineAsync("fraudstream run: degraded: " + degraded).ConfigureAwait(false);
        }

        using var pipeline = new ScoringPipeline(options.Kafka, options.Ingest, options.Alerts, runtime.Services, runtime.AutoLabeler, loggers);
        var operations = services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        using var rates = new RateHistory();
        var analyst = new AnalystContext(options.Kafka, options.Alerts.Topic, runtime.Redis is { } redis ? new LabelStore(redis, options.Runtime.Blocklist) : null,
            options.Ingest.HomeCountryCode, operations.AnalystToken, rates);
        await using var endpoint = await OperationsServer.StartAsync(
            operations, () => pipeline.IsRunning ? (true, "ready") : (false, "the pipeline is not consuming"), app => AnalystWeb.Map(app, analyst), logger, stopping).ConfigureAwait(false);
        if (endpoint.Address is { } address)
        {
            Log.Operations(logger, address);
            Log.AnalystPage(logger, address, operations.AnalystToken.Length > 0 ? "with writes (Operations:AnalystToken set)" : "read-only (no Operations:AnalystToken)");
        }
        Log.Started(logger, options.Ingest.Topic, options.Kafka.GroupId, options.Alerts.Topic, runtime.Services.Model?.Version ?? "none", runtime.Replica?.LabelCount ?? 0,
            options.Kafka.ExactlyOnce ? "exactly-once (transactions)" : "at-least-once");
        try
        {
            await pipeline.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await cli.Error.WriteLineAsync("fraudstream run: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        Log.Stopped(logger, pipeline.CallerIngest.Records, pipeline.Statistics.CallerEvents, pipeline.Statistics.TotalAlerts, pipeline.CallerIngest.DeadLettered);
        return ExitCodes.Ok;
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Created missing topics: {Topics}")]
        public static partial void TopicsCreated(ILogger logger, string topics);

        [LoggerMessage(4002, LogLevel.Warning, "Running degraded: {Reason}")]
        public static partial void Degraded(ILogger logger, string reason);

        [LoggerMessage(4003, LogLevel.Information, "Scoring {Topic} as group {Group}, alerts to {AlertTopic}; model {Model}, {Labels} labels; delivery {Delivery}")]
        public static partial void Started(ILogger logger, string topic, string group, string alertTopic, string model, int labels, string delivery);

        [LoggerMessage(4005, LogLevel.Information, "Metrics at {Address}metrics, health at {Address}healthz/live and /healthz/ready")]
        public static partial void Operations(ILogger logger, Uri address);

        [LoggerMessage(4006, LogLevel.Information, "Analyst's page at {Address}, {Writes}")]
        public static partial void AnalystPage(ILogger logger, Uri address, string writes);

        [LoggerMessage(4004, LogLevel.Information, "Stopped after {Records} records, {Events} events scored, {Alerts} alerts, {DeadLetters} dead letters")]
        public static partial void Stopped(ILogger logger, long records, long events, long alerts, long deadLetters);
    }
}
