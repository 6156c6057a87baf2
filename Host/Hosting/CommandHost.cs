using FraudStream.Alerts;
using FraudStream.Host.Operations;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Hosting;

/// <summary>
/// The Generic Host every long-running command runs in. Configuration layers, later wins:
/// appsettings.json beside the executable → <c>--config</c> file → <c>FRAUDSTREAM__Section__Key</c>
/// environment variables → command-line options. Options are validated at start.
/// </summary>
internal static class CommandHost
{
    public const string EnvironmentPrefix = "FRAUDSTREAM__";

    /// <summary>Builds the layered configuration; bad files are a <see cref="UsageException"/>.</summary>
    public static HostApplicationBuilder CreateBuilder(string? configFile, IEnumerable<KeyValuePair<string, string?>> commandLine)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "fraudstream",
            ContentRootPath = AppContext.BaseDirectory,
        });

        try
        {
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
            if (configFile is not null)
            {
                var path = Path.GetFullPath(configFile);
                if (!File.Exists(path))
                    throw new UsageException($"--config {configFile}: no such file");
                builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
            }
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--config {configFile}: not valid JSON ({e.InnerException?.Message ?? e.Message})");
        }

        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(commandLine);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        // Logs go to stderr so that stdout carries only what a command prints for users and scripts.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        AddValidated<KafkaOptions>(builder, KafkaOptions.Section, static o => o.Validate(bootstrapRequired: false));
        AddValidated<IngestOptions>(builder, IngestOptions.Section, static o => o.Validate());
        AddValidated<RedisOptions>(builder, RedisOptions.Section, static o => o.Validate());
        AddValidated<AlertsOptions>(builder, AlertsOptions.Section, static o => o.Validate());
        AddValidated<OperationsOptions>(builder, OperationsOptions.Section, static o => o.Validate());
        return builder;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and checks it when the host starts.</summary>
    public static void AddValidated<TOptions>(HostApplicationBuilder builder, string section, Func<TOptions, string?> validate)
        where TOptions : class
    {
        builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new OptionsValidator<TOptions>(validate));
    }

    /// <summary>
    /// Starts the host (validating options), runs <paramref name="work"/> until it returns or the process
    /// is asked to stop (Ctrl-C, SIGTERM), stops the host, and returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, Func<IServiceProvider, CancellationToken, Task<int>> work)
    {
        SecretRedaction.Register(builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.StartAsync().ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            throw new UsageException("bad configuration: " + string.Join("; ", e.Failures));
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            throw new UsageException("bad configuration: " + e.Message);
        }

        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        int code;
        try
        {
            code = await work(host.Services, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            code = ExitCodes.Ok;
        }

        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
    }
}
