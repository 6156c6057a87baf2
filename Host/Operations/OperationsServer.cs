using FraudStream.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudStream.Host.Operations;

/// <summary>
/// The operations endpoint of a long-running command, on Kestrel: <c>GET /metrics</c> (Prometheus text 0.0.4 from a
/// <see cref="MetricsCollector"/>), <c>GET /healthz/live</c> (200 while the process runs) and <c>GET /healthz/ready</c>
/// (200, or 503 with the reason the readiness delegate gives). ASP.NET Core logs nothing of its own: stdout is the
/// command's. Disposing it stops the endpoint.
/// </summary>
internal sealed partial class OperationsServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication? _app;
    private readonly MetricsCollector? _ownedMetrics;
    private int _disposed;

    private OperationsServer(WebApplication? app, MetricsCollector? ownedMetrics, Uri? address)
    {
        _app = app;
        _ownedMetrics = ownedMetrics;
        Address = address;
    }

    /// <summary>Where the endpoint listens, with the real port when <c>Operations:Listen</c> asked for port 0; null when disabled.</summary>
    public Uri? Address { get; }

    /// <summary>Whether the endpoint runs (false when <c>Operations:Listen</c> is empty).</summary>
    public bool Enabled => _app is not null;

    /// <summary>Starts the endpoint with its own <see cref="MetricsCollector"/> of the <c>FraudStream*</c> meters.</summary>
    /// <exception cref="UsageException">The address is invalid, in use, or cannot be listened on; the message is one line.</exception>
    public static Task<OperationsServer> StartAsync(
        OperationsOptions options,
        Func<(bool Ready, string Reason)> readiness,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
        => StartCoreAsync(options, readiness, null, logger, cancellationToken);

    /// <summary>Starts the endpoint serving <paramref name="metrics"/>, which stays the caller's to dispose.</summary>
    /// <exception cref="UsageException">The address is invalid, in use, or cannot be listened on; the message is one line.</exception>
    public static Task<OperationsServer> StartAsync(
        OperationsOptions options,
        Func<(bool Ready, string Reason)> readiness,
        MetricsCollector metrics,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return StartCoreAsync(options, readiness, metrics, logger, cancellationToken);
    }

    private static async Task<OperationsServer> StartCoreAsync(
        OperationsOptions options,
        Func<(bool Ready, string Reason)> readiness,
        MetricsCollector? metrics,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readiness);
        logger ??= NullLogger.Instance;
        if (!options.Enabled)
        {
            Log.Disabled(logger);
            return new OperationsServer(null, null, null);
        }

        if (options.Validate() is { } problem)
            throw new UsageException("bad configuration: " + problem);

        var listen = options.Listen.Trim();
        var owned = metrics is null ? new MetricsCollector() : null;
        var app = Build(listen, readiness, metrics ?? owned!, logger);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            owned?.Dispose();
            if (e is not IOException)
                throw;
            throw new UsageException(e.InnerException is AddressInUseException
                ? $"Operations:Listen {listen}: the address is already in use (another fraudstream?); pass another Operations:Listen, e.g. FRAUDSTREAM__Operations__Listen=http://127.0.0.1:9465, or an empty one to disable the endpoint"
                : $"Operations:Listen {listen}: cannot listen ({(e.InnerException ?? e).Message.TrimEnd('.')}); pass another Operations:Listen, or an empty one to disable the endpoint");
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = new Uri(addresses?.FirstOrDefault() ?? listen);
        Log.Listening(logger, address.ToString());
        return new OperationsServer(app, owned, address);
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

        _ownedMetrics?.Dispose();
    }
}
