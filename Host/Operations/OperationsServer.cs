using FraudStream.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>
/// The operations endpoint of a long-running command, on Kestrel: <c>GET /metrics</c> (OpenTelemetry's Prometheus
/// exporter over the <c>FraudStream*</c> meters), <c>GET /healthz/live</c> (200 while the process runs) and
/// <c>GET /healthz/ready</c> (200, or 503 with the reason the readiness delegate gives); and, when
/// <c>Operations:Otlp:Endpoint</c> is set, the OTLP export of the same metrics. ASP.NET Core logs nothing of its own:
/// stdout is the command's. Disposing it stops the endpoint and sends the last OTLP export.
/// </summary>
internal sealed partial class OperationsServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication? _app;
    private readonly MeterProvider? _metrics;
    private int _disposed;

    private OperationsServer(WebApplication? app, MeterProvider? metrics, Uri? address)
    {
        _app = app;
        _metrics = metrics;
        Address = address;
    }

    /// <summary>Where the endpoint listens, with the real port when <c>Operations:Listen</c> asked for port 0; null when disabled.</summary>
    public Uri? Address { get; }

    /// <summary>Whether the endpoint runs (false when <c>Operations:Listen</c> is empty).</summary>
    public bool Enabled => _app is not null;

    /// <summary>Starts the endpoint (and the OTLP export) for FraudStream's meters.</summary>
    /// <exception cref="UsageException">The options are invalid, or the address in use or cannot be listened on; the message is one line.</exception>
    public static Task<OperationsServer> StartAsync(
        OperationsOptions options,
        Func<(bool Ready, string Reason)> readiness,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
        => StartAsync(options, readiness, MetricsExport.DefaultMeters, logger, cancellationToken);

    /// <summary>As the other overloads, with more endpoints mapped beside the operations ones (the analyst's page).</summary>
    /// <exception cref="UsageException">The options are invalid, or the address in use or cannot be listened on; the message is one line.</exception>
    public static Task<OperationsServer> StartAsync(
        OperationsOptions options,
        Func<(bool Ready, string Reason)> readiness,
        Action<WebApplication>? map,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
        => StartAsync(options, readiness, MetricsExport.DefaultMeters, logger, cancellationToken, map);

    /// <summary>Starts the endpoint for the meters named <paramref name="meters"/> (<c>*</c> a wildcard).</summary>
    /// <exception cref="UsageException">The options are invalid, or the address in use or cannot be listened on; the message is one line.</exception>
    public static async Task<OperationsServer> StartAsync(
        OperationsOptions options,
        Func<(bool Ready, string Reason)> readiness,
        string meters,
        ILogger? logger = null,
        CancellationToken cancellationToken = default,
        Action<WebApplication>? map = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentException.ThrowIfNullOrEmpty(meters);
        logger ??= NullLogger.Instance;
        if (options.Validate() is { } problem)
            throw new UsageException("bad configuration: " + problem);

        var metrics = MetricsExport.Create(options, meters);
        if (options.Otlp.Enabled)
            Log.Otlp(logger, options.Otlp.MetricsUri.ToString(), options.Otlp.ExportInterval);
        if (!options.Enabled)
        {
            Log.Disabled(logger);
            return new OperationsServer(null, metrics, null);
        }

        var listen = options.Listen.Trim();
        var app = Build(listen, readiness, metrics!, logger, map);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            metrics?.Dispose();
            if (e is not IOException)
                throw;
            throw new UsageException(e.InnerException is AddressInUseException
                ? $"Operations:Listen {listen}: the address is already in use (another fraudstream?); pass another Operations:Listen, e.g. FRAUDSTREAM__Operations__Listen=http://127.0.0.1:9465, or an empty one to disable the endpoint"
                : $"Operations:Listen {listen}: cannot listen ({(e.InnerException ?? e).Message.TrimEnd('.')}); pass another Operations:Listen, or an empty one to disable the endpoint");
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = new Uri(addresses?.FirstOrDefault() ?? listen);
        Log.Listening(logger, address.ToString());
        return new OperationsServer(app, metrics, address);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_app is not null)
        {
            using (var timeout = new CancellationTokenSource(StopTimeout))
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_metrics is not null)
        {
            // The last OTLP export happens here; bounded, so an unreachable collector cannot hold the exit.
            _metrics.Shutdown((int)StopTimeout.TotalMilliseconds);
            _metrics.Dispose();
        }
    }
}
