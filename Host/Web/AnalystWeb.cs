using FraudStream.Host.Commands.Tail;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FraudStream.Host.Web;

/// <summary>
/// The analyst's page on the operations listener (docs/analyst-view.md): the page and its assets at <c>/</c>, the
/// alert stream, the rates and the number endpoints under <c>/api/</c>. Reads need nothing from loopback; writes
/// need the analyst token.
/// </summary>
internal static class AnalystWeb
{
    public static void Map(WebApplication app, AnalystContext analyst)
    {
        app.MapGet("/", (RequestDelegate)(context => Read(context, analyst, c => WebAssets.ServeAsync(c, analyst.AssetRoot, "index.html"))));
        app.MapGet("/assets/{*file}", (RequestDelegate)(context => Read(context, analyst, c => WebAssets.ServeAsync(c, analyst.AssetRoot, c.Request.RouteValues["file"] as string ?? ""))));
        app.MapGet("/api/about", (RequestDelegate)(context => Read(context, analyst, c => WebResponses.Json(c, StatusCodes.Status200OK, new
        {
            alertTopic = analyst.AlertTopic,
            writable = analyst.Token.Length > 0 && analyst.Labels is not null,
            labels = analyst.Labels is not null,
            rateIntervalSeconds = RateHistory.Interval.TotalSeconds,
            kinds = FraudKinds.All.Select(static k => k.ToWire()),
            severities = AlertSeverities.Names,
            categories = LabelNames.Categories,
            sources = LabelNames.Sources,
        }))));
        app.MapGet("/api/rates", (RequestDelegate)(context => Read(context, analyst, c => WebResponses.Json(c, StatusCodes.Status200OK, new
        {
            intervalSeconds = RateHistory.Interval.TotalSeconds,
            samples = analyst.Rates.Samples(RateWindow(c)).Select(static s => new { t = s.TimeMs, totals = s.Totals }),
        }))));
        app.MapGet("/api/alerts/stream", (RequestDelegate)(context => Read(context, analyst, c => AlertStream.ServeAsync(c, analyst))));
        app.MapGet("/api/numbers/{number}", (RequestDelegate)(context => Read(context, analyst, c => NumberEndpoints.GetAsync(c, analyst))));
        app.MapPost("/api/numbers/{number}/label", (RequestDelegate)(context => NumberEndpoints.LabelAsync(context, analyst)));
        app.MapPost("/api/numbers/{number}/remove", (RequestDelegate)(context => NumberEndpoints.RemoveAsync(context, analyst)));
        app.MapPost("/api/numbers/{number}/allow", (RequestDelegate)(context => NumberEndpoints.AllowAsync(context, analyst)));
    }

    // ?minutes=N: the chart's range, 1 to 1,440 (a day); anything else is the last hour.
    private static TimeSpan RateWindow(HttpContext context)
        => int.TryParse(context.Request.Query["minutes"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= 1440
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.FromHours(1);

    private static Task Read(HttpContext context, AnalystContext analyst, Func<HttpContext, Task> serve)
        => AnalystToken.MayRead(context, analyst.Token) ? serve(context) : WebResponses.Unauthorized(context, analyst.Token.Length == 0);
}
