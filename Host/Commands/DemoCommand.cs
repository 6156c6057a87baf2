using System.CommandLine;
using System.Globalization;
using FraudStream.Host.Demo;
using FraudStream.Host.Hosting;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream demo</c>: everything on the embedded default. Today: the embedded Kafka cluster, a private
/// redis-server, and simulated carrier traffic through the ingest path; scoring and alerts join it in later issues.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var count = new Option<int>("--count")
        {
            Description = "Simulated CDRs to send through ingest (1000-2000000); 5% are redelivered and 0.5% are broken on purpose.",
            DefaultValueFactory = _ => 50_000,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated traffic.", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Run FraudStream on its embedded default: embedded Kafka, a private redis-server, simulated traffic through ingest.")
        {
            count,
            seed,
        };

        command.SetAction((parse, _) =>
        {
            var records = parse.GetValue(count);
            if (records is < 1000 or > 2_000_000)
                throw new UsageException($"--count {records}: expected 1000 to 2000000");
            if (parse.GetValue(seed) < 0)
                throw new UsageException($"--seed {parse.GetValue(seed)}: expected 0 or more");

            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), []);
            return CommandHost.RunAsync(builder, (services, stopping) => RunAsync(
                cli,
                services.GetRequiredService<IOptions<KafkaOptions>>().Value,
                services.GetRequiredService<IOptions<IngestOptions>>().Value,
                services.GetRequiredService<IOptions<RedisOptions>>().Value,
                (records, parse.GetValue(seed)),
                stopping));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, KafkaOptions kafka, IngestOptions ingest, RedisOptions redis, (int Count, int Seed) traffic, CancellationToken stopping)
    {
        var console = cli.CreateConsole();
        console.MarkupLine("[bold]FraudStream demo[/] — embedded Kafka, a private Redis, simulated carrier traffic through ingest");

        using var cluster = string.IsNullOrEmpty(kafka.BootstrapServers) ? EmbeddedKafkaCluster.Start(3) : null;
        if (cluster is not null)
        {
            cluster.CreateTopic(ingest.Topic, 6);
            cluster.CreateTopic(ingest.DeadLetterTopic, 1);
            kafka.BootstrapServers = cluster.BootstrapServers;
            kafka.SessionTimeoutMs = 6000;
            console.MarkupLineInterpolated($"  Kafka: embedded, {cluster.BrokerCount} brokers at {cluster.BootstrapServers} (librdkafka {LibrdkafkaLoader.Version} mock cluster)");
        }
        else
        {
            console.MarkupLineInterpolated($"  Kafka: {kafka.BootstrapServers}");
        }

        using var redisServer = string.IsNullOrEmpty(redis.Configuration) ? PrivateRedisServer.Start() : null;
        if (redisServer is not null)
            redis.Configuration = redisServer.Configuration;
        console.MarkupLineInterpolated($"  Redis: {(redisServer is null ? "" : "private redis-server at ")}{redis.Configuration}");

        var i = await IngestRun.RunAsync(kafka, ingest, traffic.Count, traffic.Seed, stopping).ConfigureAwait(false);
        var r = await RedisRoundTrip.RunAsync(redis, 10_000).ConfigureAwait(false);

        var s = i.Consumed;
        var ingestOk = s.Records == i.Produced && s.DeadLettered == i.Malformed && s.Duplicates == i.Duplicates && s.Events == i.Produced - i.Malformed - i.Duplicates;
        var redisOk = r.ReadBack == r.Pipelined && r.PubSubDelivered;
        var table = new Table().AddColumns("step", "result", "");
        table.AddRow("Simulated CDRs produced (idempotent, acks=all)", $"{i.Produced:N0} in {Ms(i.ProduceTime)}, of which {i.Duplicates:N0} redelivered and {i.Malformed:N0} broken", Mark(true));
        table.AddRow($"Consumed by group '{kafka.GroupId}' (cooperative-sticky)", $"{s.Records:N0} records in {Ms(i.ConsumeTime)}, {s.Batches:N0} batches, offsets stored after each", Mark(s.Records == i.Produced));
        table.AddRow("Valid events handed to scoring", $"{s.Events:N0}", Mark(s.Events == i.Produced - i.Malformed - i.Duplicates));
        table.AddRow($"Dead-lettered to {ingest.DeadLetterTopic}", $"{s.DeadLettered:N0} with error code and source headers", Mark(s.DeadLettered == i.Malformed));
        table.AddRow("Redeliveries dropped by recordId", $"{s.Duplicates:N0}", Mark(s.Duplicates == i.Duplicates));
        table.AddRow($"Redis {r.ServerVersion} pipelined SET+GET", $"{r.ReadBack:N0}/{r.Pipelined:N0} read back in {Ms(r.PipelineTime)}", Mark(r.ReadBack == r.Pipelined));
        table.AddRow("Redis pub/sub change notice", r.PubSubDelivered ? "delivered" : "NOT delivered", Mark(r.PubSubDelivered));
        console.Write(table);

        console.MarkupLine("Built and tested, joining this live pipeline with [bold]run[/] in issue 5: labels in Redis with an in-process replica, streaming features, rule detectors and the XGBoost model (try [bold]fraudstream train[/] and [bold]fraudstream labels --help[/]). Then alerts and [bold]tail[/] with precision/recall per fraud kind (issue 5), and the load harness (issue 6).");
        var ok = ingestOk && redisOk;
        console.MarkupLine(ok ? "[green]demo OK[/]" : "[red]demo FAILED[/]");
        return ok ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Mark(bool ok) => ok ? "[green]ok[/]" : "[red]FAIL[/]";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";
}
