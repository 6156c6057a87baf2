using System.CommandLine;
using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Demo;
using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;
using FraudStream.Host.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream demo</c>: everything on the embedded default in one command — embedded Kafka, a private
/// redis-server with seed labels and policies, simulated traffic with ground truth through the real pipeline,
/// a live view, and at the end precision and recall per fraud kind against the truth.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var duration = new Option<int>("--duration") { Description = "Seconds of simulated traffic (5-3600).", DefaultValueFactory = _ => 20 };
        var rate = new Option<int>("--rate") { Description = "Simulated CDRs per second (1000-1000000); 2% are redelivered and 0.2% broken on purpose.", DefaultValueFactory = _ => 15_000 };
        var population = new Option<int>("--population") { Description = "Home-network subscribers (1000-2000000).", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated traffic.", DefaultValueFactory = _ => 42 };
        var history = new Option<int>("--history")
        {
            Description = "Days of the same subscribers' legitimate traffic played into the pair memory (who called whom) before the run, as a running service holds; 0 = a cold start (0-30).",
            DefaultValueFactory = _ => 14,
        };
        var command = new Command("demo", "Try it: embedded Kafka, a private Redis, simulated fraud, live alerts.")
        {
            duration,
            rate,
            population,
            seed,
            history,
        };

        command.SetAction((parse, _) =>
        {
            var settings = new DemoSettings(parse.GetValue(duration), parse.GetValue(rate), parse.GetValue(population), parse.GetValue(seed), parse.GetValue(history));
            if (settings.Validate() is { } problem)
                throw new UsageException(problem);

            // The live view is the demo's output; only warnings and errors are logged beside it.
            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), [new("Logging:LogLevel:Default", "Warning")]);
            ServiceOptions.Register(builder);
            return CommandHost.RunAsync(builder, (services, stopping) => new DemoRun(cli, ServiceOptions.From(services), services.GetRequiredService<IOptions<OperationsOptions>>().Value, settings, services.GetRequiredService<ILoggerFactory>()).RunAsync(stopping));
        });
        return command;
    }
}
