using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;
using FraudStream.Host.Web;

namespace FraudStream.Host.Demo;

/// <summary>
/// The demo's operations listener with the analyst's page: at <c>Operations:Listen</c>, or, when that address is
/// taken (a service already runs on this machine), at a free loopback port, so a demo never fails for want of a port.
/// </summary>
internal static class AnalystPage
{
    public static async Task<OperationsServer> StartAsync(OperationsOptions operations, AnalystContext analyst, ScoringPipeline pipeline, CancellationToken stopping)
    {
        if (!operations.Enabled)
            operations.Listen = "http://127.0.0.1:0";
        (bool, string) Readiness() => pipeline.IsRunning ? (true, "ready") : (false, "the pipeline is not consuming");
        try
        {
            return await OperationsServer.StartAsync(operations, Readiness, app => AnalystWeb.Map(app, analyst), null, stopping).ConfigureAwait(false);
        }
        catch (UsageException)
        {
            operations.Listen = "http://127.0.0.1:0";
            return await OperationsServer.StartAsync(operations, Readiness, app => AnalystWeb.Map(app, analyst), null, stopping).ConfigureAwait(false);
        }
    }
}
