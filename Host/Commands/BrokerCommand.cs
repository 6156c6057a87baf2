using System.CommandLine;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Commands;

/// <summary><c>fraudstream broker</c>: an embedded Kafka cluster in the foreground until Ctrl-C or SIGTERM.</summary>
internal static class BrokerCommand
{
    public static Command Create(CliContext cli)
    {
        var brokers = new Option<int>("--brokers") { Description = "Number of brokers (1-16). Default 3." };
        var topics = new Option<string[]>("--topic")
        {
            Description = "Topic to create as name:partitions, repeatable. Added to FraudStream's standard topics; a standard name re-sizes it.",
            HelpName = "name:partitions",
        };

        var command = new Command("broker", "Run an embedded Kafka cluster in memory and print its bootstrap servers.")
        {
            brokers,
            topics,
        };

        command.SetAction((parse, _) =>
        {
            var extra = new List<TopicSpec>();
            foreach (var text in parse.GetValue(topics) ?? [])
            {
                if (!TopicSpec.TryParse(text, 6, out var spec, out var error))
                    throw new UsageException("--topic " + error);
                extra.Add(spec.Value);
            }

            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), CommandLineOverrides.From(parse, (brokers, "Broker:Brokers")));
            CommandHost.AddValidated<BrokerOptions>(builder, BrokerOptions.Section, static o => o.Validate());
            return CommandHost.RunAsync(builder, (services, stopping) => RunAsync(cli, services.GetRequiredService<IOptions<BrokerOptions>>().Value, extra, stopping));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, BrokerOptions options, List<TopicSpec> extra, CancellationToken stopping)
    {
        using var cluster = EmbeddedKafkaCluster.Start(options.Brokers);
        var topics = options.TopicsWith(extra);
        cluster.CreateTopics(topics);

        // First line: the bootstrap string alone, so scripts can read it with `head -1`.
        var output = cli.Output;
        await output.WriteLineAsync(cluster.BootstrapServers).ConfigureAwait(false);
        await output.WriteLineAsync($"# embedded Kafka: {cluster.BrokerCount} brokers, librdkafka {LibrdkafkaLoader.Version} mock cluster, data in memory only").ConfigureAwait(false);
        await output.WriteLineAsync("# topics: " + string.Join(", ", topics.Select(t => $"{t.Name}:{t.Partitions}"))).ConfigureAwait(false);
        await output.WriteLineAsync($"# try:   kcat -L -b {cluster.BootstrapServers}").ConfigureAwait(false);
        await output.WriteLineAsync($"#        echo 'hello' | kcat -P -b {cluster.BootstrapServers} -t {topics.FirstOrDefault().Name ?? "test"}").ConfigureAwait(false);
        await output.WriteLineAsync("# Ctrl-C or SIGTERM stops it.").ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);

        await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
