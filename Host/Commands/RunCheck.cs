using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;
using FraudStream.Host.Service;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream run --check</c>: what <c>run</c> does before its first record, through the same code, minus the
/// side effects. The options are validated by the host as for <c>run</c> (exit 2); then the model and thresholds
/// files are loaded (exit 2), Kafka answers a metadata request and the CDR topic is there (<see cref="TopicSetup.Check"/>),
/// and Redis answers PING with the configured password and TLS (exit 1 when not). Nothing is consumed, produced
/// or created and no group is joined, so it is safe beside running instances (a unit's <c>ExecStartPre=</c>).
/// </summary>
internal static class RunCheck
{
    private const string Prefix = "fraudstream run --check: ";

    public static async Task<int> RunAsync(CliContext cli, IServiceProvider services, CancellationToken stopping)
    {
        var options = ServiceOptions.From(services);
        if (options.Kafka.Validate(bootstrapRequired: true) is { } kafkaProblem)
            throw new UsageException(kafkaProblem);

        var scoring = options.Runtime.Scoring;
        using var thresholds = ScoringRuntime.LoadThresholds(scoring, NullLogger.Instance);
        var model = ScoringRuntime.LoadModel(scoring);

        TopicPlan topics;
        try
        {
            topics = TopicSetup.Check(options.Kafka, options.Ingest, options.Alerts, RunCommand.SetupTimeout);
        }
        catch (PipelineSetupException e)
        {
            return await FailAsync(cli, e.Message).ConfigureAwait(false);
        }

        var redis = options.Runtime.Redis;
        string redisSummary;
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            redisSummary = "not configured (Redis:Configuration): run would start degraded, without labels, policies or prefix rules";
        }
        else
        {
            var (problem, summary) = await PingAsync(redis, stopping).ConfigureAwait(false);
            if (problem is not null)
                return await FailAsync(cli, problem).ConfigureAwait(false);
            redisSummary = summary;
        }

        var operations = services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        var kafka = options.Kafka;
        var lines = new List<(string, string)>
        {
            ("configuration", $"valid; Kafka {Security(kafka)}, group {kafka.GroupId}, {(kafka.ExactlyOnce ? "exactly-once" : "at-least-once")}"),
            ("model", model is null ? "none (Scoring:ModelPath empty): rules only" : $"{ScoringOptions.Resolve(scoring.ModelPath)} (version {model.Version})"),
            ("thresholds", thresholds.FilePath),
            ("kafka", $"{kafka.BootstrapServers} answered: {topics.Brokers} broker{(topics.Brokers == 1 ? "" : "s")}"),
            ("topics", Topics(topics)),
            ("redis", redisSummary),
            ("operations", operations.Enabled ? $"run would listen on {operations.Listen} (/metrics, /healthz/live, /healthz/ready)" : "endpoint disabled (Operations:Listen empty)"),
        };

        var output = cli.Output;
        await output.WriteLineAsync(Prefix + "ready to run").ConfigureAwait(false);
        foreach (var (what, detail) in lines)
            await output.WriteLineAsync($"  {what,-14} {detail}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    // The same connection run opens (RedisConnector: configured password and TLS), one PING; when it cannot connect,
    // RedisProbe says why (refused, wrong password, TLS) as run's degraded message does.
    private static async Task<(string? Problem, string Summary)> PingAsync(RedisOptions redis, CancellationToken stopping)
    {
        var where = redis.Describe();
        const string fix = "; check --redis (Redis:Configuration) and that Redis is up";
        using var connection = RedisConnector.Connect(redis);
        if (!connection.IsConnected)
        {
            // A reason that names the setting to change (a password, TLS) says what to fix already.
            var why = await RedisProbe.WhyUnavailableAsync(redis, stopping).ConfigureAwait(false);
            return ($"Redis at {where} is unreachable: {why}{(why.Contains("Redis:", StringComparison.Ordinal) ? "" : fix)}", "");
        }

        try
        {
            var latency = await connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return (null, $"{where} answered PING in {latency.TotalMilliseconds:F0} ms");
        }
        catch (RedisException e)
        {
            return ($"Redis at {where} did not answer PING: {e.Message.ReplaceLineEndings(" ")}{fix}", "");
        }
        finally
        {
            await connection.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
        }
    }

    private static string Security(KafkaOptions kafka)
    {
        var protocol = string.IsNullOrWhiteSpace(kafka.SecurityProtocol) ? KafkaSecurity.Plaintext : kafka.SecurityProtocol.ToLowerInvariant();
        return protocol.StartsWith("sasl", StringComparison.Ordinal) ? $"{protocol} {kafka.SaslMechanism} as {kafka.SaslUsername}" : protocol;
    }

    private static string Topics(TopicPlan plan)
    {
        var text = $"{plan.CdrTopic} exists ({plan.Partitions} partitions)";
        if (plan.Existing.Count > 0)
            text += "; exist: " + string.Join(", ", plan.Existing);
        if (plan.Missing.Count > 0)
        {
            text += $"; run would create ({plan.Partitions} partitions, replication {plan.ReplicationFactor}; needs the right to create topics): "
                + string.Join(", ", plan.Missing);
        }

        return text;
    }

    private static async Task<int> FailAsync(CliContext cli, string problem)
    {
        await cli.Error.WriteLineAsync(Prefix + problem).ConfigureAwait(false);
        return ExitCodes.Failed;
    }
}
