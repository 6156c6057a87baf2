using FraudStream.Alerts.AutoLabels;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// What scoring needs before the first record: the thresholds file and the model (bad ones stop the start,
/// exit 2 in the CLI), and the label replica on the configured Redis. Redis down at start is not fatal: the
/// service runs on an empty, degraded replica and says so, and the replica loads when Redis returns.
/// </summary>
public sealed partial class ScoringRuntime : IAsyncDisposable
{
    private ScoringRuntime(ScoringServices services, ThresholdsProvider thresholds, ConnectionMultiplexer? redis, AutoLabeler? autoLabeler, string? degradedReason)
    {
        Services = services;
        Thresholds = thresholds;
        Redis = redis;
        AutoLabeler = autoLabeler;
        DegradedReason = degradedReason;
    }

    public ScoringServices Services { get; }

    public ThresholdsProvider Thresholds { get; }

    public ConnectionMultiplexer? Redis { get; }

    public AutoLabeler? AutoLabeler { get; }

    /// <summary>Why the service started degraded (no Redis configured, Redis unreachable), or null.</summary>
    public string? DegradedReason { get; }

    public BlocklistReplica? Replica => Services.Blocklist;

    /// <exception cref="PipelineConfigurationException">The thresholds file or the model cannot be used.</exception>
    public static async Task<ScoringRuntime> StartAsync(RuntimeOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("FraudStream.Scoring");
        var thresholds = LoadThresholds(options.Scoring, logger);
        FraudModel? model = null;
        try
        {
            model = LoadModel(options.Scoring);

            ConnectionMultiplexer? redis = null;
            BlocklistReplica? replica = null;
            string? degraded = null;
            if (string.IsNullOrWhiteSpace(options.Redis.Configuration))
            {
                degraded = "no Redis configured (Redis:Configuration / --redis): no labels, policies or prefix rules; every decision is flagged degraded";
            }
            else
            {
                redis = RedisConnector.Connect(options.Redis);
                replica = new BlocklistReplica(redis, options.Blocklist, loggers.CreateLogger<BlocklistReplica>());
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(TimeSpan.FromMilliseconds(options.Redis.ConnectTimeoutMs + 3000));
                try
                {
                    await replica.StartAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var why = await RedisProbe.WhyUnavailableAsync(options.Redis, cancellationToken).ConfigureAwait(false);
                    degraded = $"Redis at {options.Redis.Describe()} is unreachable ({why}): running on an empty replica, decisions flagged degraded, loading when Redis returns";
                }
            }

            var services = new ScoringServices(replica, thresholds, model, options.Features, options.HomeCountryCode);
            var autoLabeler = redis is not null && options.Alerts.AutoLabel.Enabled
                ? new AutoLabeler(new LabelStore(redis, options.Blocklist), replica, options.Alerts.AutoLabel, logger: loggers.CreateLogger<AutoLabeler>())
                : null;
            return new ScoringRuntime(services, thresholds, redis, autoLabeler, degraded);
        }
        catch
        {
            thresholds.Dispose();
            throw;
        }
    }

    /// <summary>The thresholds file, watched for edits; a missing or invalid file is a <see cref="PipelineConfigurationException"/>.</summary>
    public static ThresholdsProvider LoadThresholds(ScoringOptions scoring, ILogger logger)
    {
        var path = ScoringOptions.Resolve(scoring.ThresholdsPath);
        ThresholdsProvider thresholds;
        try
        {
            thresholds = new ThresholdsProvider(path);
        }
        catch (InvalidDataException e)
        {
            throw new PipelineConfigurationException("Scoring:ThresholdsPath: " + e.Message);
        }

        thresholds.Reloaded += _ => Log.ThresholdsReloaded(logger, path);
        thresholds.ReloadFailed += reason => Log.ThresholdsRefused(logger, path, reason);
        return thresholds;
    }

    /// <summary>The model, or null when none is configured; a missing or invalid file is a <see cref="PipelineConfigurationException"/>.</summary>
    public static FraudModel? LoadModel(ScoringOptions scoring)
    {
        if (string.IsNullOrWhiteSpace(scoring.ModelPath))
            return null;
        var path = ScoringOptions.Resolve(scoring.ModelPath);
        try
        {
            return FraudModel.Load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new PipelineConfigurationException($"Scoring:ModelPath {scoring.ModelPath}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (AutoLabeler is not null)
            await AutoLabeler.DisposeAsync().ConfigureAwait(false);
        if (Replica is not null)
            await Replica.DisposeAsync().ConfigureAwait(false);
        if (Redis is not null)
            await Redis.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
        Redis?.Dispose();
        Thresholds.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Thresholds reloaded from {Path}")]
        public static partial void ThresholdsReloaded(ILogger logger, string path);

        [LoggerMessage(3002, LogLevel.Warning, "Thresholds edit in {Path} refused, keeping the previous ones: {Reason}")]
        public static partial void ThresholdsRefused(ILogger logger, string path, string reason);
    }
}
