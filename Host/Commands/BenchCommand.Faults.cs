using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using FraudStream.Host.Service;
using FraudStream.LoadTest.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FraudStream.Host.Commands;

internal static partial class BenchCommand
{
    /// <summary><c>bench --faults</c>: the fault matrix at scale (<see cref="FaultBenchRun"/>), with the configured pipeline options.</summary>
    private static Task<int> RunFaults(CliContext cli, FaultBenchSettings settings, string? config)
    {
        if (settings.Validate() is { } problem)
            throw new UsageException(problem);

        var builder = CommandHost.CreateBuilder(config, [new("Logging:LogLevel:Default", "Error")]);
        ServiceOptions.Register(builder);
        return CommandHost.RunAsync(builder, async (services, stopping) =>
            await new FaultBenchRun(cli.Output, cli.Error, settings, ServiceOptions.From(services), services.GetRequiredService<ILoggerFactory>()).RunAsync(stopping).ConfigureAwait(false)
                ? ExitCodes.Ok : ExitCodes.Failed);
    }
}
