using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>The web host and the three endpoints behind <see cref="OperationsServer"/>.</summary>
internal sealed partial class OperationsServer
{
    private static WebApplication Build(string listen, Func<(bool Ready, string Reason)> readiness, MeterProvider metrics, ILogger logger, Action<WebApplication>? map)
    {
        // The empty builder reads no appsettings.json, no ASPNETCORE_* variables and has no log providers.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "fraudstream",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().UseUrls(listen);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();

        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics", metrics, configureBranchedPipeline: null, optionsName: null);
        app.MapGet("/healthz/live", (RequestDelegate)(static context => PlainText(context, StatusCodes.Status200OK, "live")));
        app.MapGet("/healthz/ready", (RequestDelegate)(context =>
        {
            var (ready, reason) = Readiness(readiness, logger);
            return ready
                ? PlainText(context, StatusCodes.Status200OK, "ready")
                : PlainText(context, StatusCodes.Status503ServiceUnavailable, string.IsNullOrEmpty(reason) ? "not ready" : reason);
        }));
        map?.Invoke(app);
        return app;
    }

    private static (bool Ready, string Reason) Readiness(Func<(bool Ready, string Reason)> readiness, ILogger logger)
    {
        try
        {
            return readiness();
        }
#pragma warning disable CA1031 // whatever the delegate throws, the answer is "not ready", not a 500
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ReadinessFailed(logger, e);
            return (false, "readiness check failed: " + e.Message);
        }
    }

    private static Task PlainText(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
