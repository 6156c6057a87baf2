using Microsoft.Extensions.Hosting;

namespace FraudStream.Host.Operations;

/// <summary>
/// The endpoint's web host ignores Ctrl-C and SIGTERM: the command's own host handles them and stops the endpoint
/// when it disposes it, so <c>/metrics</c> stays up while the pipeline drains.
/// </summary>
internal sealed class CommandOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
