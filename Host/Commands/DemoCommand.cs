using System.CommandLine;
using System.Globalization;
using FraudStream.Host.Demo;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream demo</c>: everything on the embedded default. Today it starts the embedded Kafka cluster
/// and a private redis-server and proves the round trip through both; the scoring pipeline joins it in
/// later issues.
/// </summary>
internal static class DemoCommand
{
    private const string InputTopic = "telco.cdr.v1";

    public static Command Create(CliContext cli)
    {
        var messages = new Option<int>("--messages")
        {
            Description = "Records to send through Kafka and keys through Redis in the round trip (1-1000000).",
            DefaultValueFactory = _ => 10_000,
        };
        var command = new Command("demo", "Run FraudStream on its embedded default: embedded Kafka, a private redis-server, the round trip through both.")
        {
            messages,
        };

        command.SetAction((parse, _) =>
        {
            var count = parse.GetValue(messages);
            if (count is < 1 or > 1_000_000)
                throw new UsageException($"--messages {count}: expected 1 to 1000000");

            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), []);
            return CommandHost.RunAsync(builder, (services, stopping) => RunAsync(
                cli,
                services.GetRequiredService<IOptions<KafkaOptions>>().Value,
                services.GetRequiredService<IOptions<RedisOptions>>().Value,
                count,
                stopping));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, KafkaOptions kafka, RedisOptions redis, int count, CancellationToken stopping)
    {
        var console = cli.CreateConsole();
        console.MarkupLine("[bold]FraudStream demo[/] — foundation: embedded Kafka + private Redis round trip");

        using var cluster = string.IsNullOrEmpty(kafka.BootstrapServers) ? EmbeddedKafkaCluster.Start(3) : null;
        if (cluster is not null)
        {
            cluster.CreateTopic(InputTopic, 6);
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

        var k = await KafkaRoundTrip.RunAsync(kafka, InputTopic, count, stopping).ConfigureAwait(false);
        var r = await RedisRoundTrip.RunAsync(redis, count).ConfigureAwait(false);

        var kafkaOk = k.Consumed == k.Produced && k.Committed == k.Produced && k.OrderHeld;
        var redisOk = r.ReadBack == r.Pipelined && r.PubSubDelivered;
        var table = new Table().AddColumns("check", "result", "");
        table.AddRow("Kafka produce (idempotent, acks=all, lz4)", $"{k.Produced:N0} records acked in {Ms(k.ProduceTime)}", Mark(true));
        table.AddRow("Kafka consume (group, CooperativeSticky, StoreOffset)", $"{k.Consumed:N0} read in {Ms(k.ConsumeTime)}, per-key order {(k.OrderHeld ? "held" : "BROKEN")}", Mark(k.Consumed == k.Produced && k.OrderHeld));
        table.AddRow("Kafka commit", $"{k.Committed:N0} offsets committed", Mark(k.Committed == k.Produced));
        table.AddRow($"Redis {r.ServerVersion} pipelined SET+GET", $"{r.ReadBack:N0}/{r.Pipelined:N0} read back in {Ms(r.PipelineTime)}", Mark(r.ReadBack == r.Pipelined));
        table.AddRow("Redis pub/sub change notice", r.PubSubDelivered ? "delivered" : "NOT delivered", Mark(r.PubSubDelivered));
        console.Write(table);

        console.MarkupLine("Coming next on this same embedded default: the CDR v1 contract and traffic simulator (issue 3), labels, features, detectors and the XGBoost model (issue 4), alerts, [bold]run[/] and [bold]tail[/] with a live view and precision/recall per fraud kind (issue 5), the load harness (issue 6).");
        var ok = kafkaOk && redisOk;
        console.MarkupLine(ok ? "[green]round trip OK[/]" : "[red]round trip FAILED[/]");
        return ok ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Mark(bool ok) => ok ? "[green]ok[/]" : "[red]FAIL[/]";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";
}
