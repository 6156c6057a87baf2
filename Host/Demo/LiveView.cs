using System.Globalization;
using FraudStream.Alerts.Pipeline;
using FraudStream.Alerts.Records;
using FraudStream.Scoring.Decisions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FraudStream.Host.Demo;

/// <summary>The demo's live view: events/s, decisions by action, alerts by kind, top flagged numbers, consumer lag.</summary>
internal sealed class LiveView(ScoringPipeline pipeline, Func<long> produced)
{
    private long _lastEvents;
    private long _lastTicks = Environment.TickCount64;
    private double _rate;

    /// <summary>Samples the counters; call about once a second.</summary>
    public void Sample()
    {
        var now = Environment.TickCount64;
        var events = pipeline.CallerIngest.Records;
        var seconds = (now - _lastTicks) / 1000.0;
        if (seconds > 0.2)
        {
            _rate = (events - _lastEvents) / seconds;
            _lastEvents = events;
            _lastTicks = now;
        }
    }

    public IRenderable Render()
    {
        var s = pipeline.Statistics;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(new Markup("[bold]events[/]"), new Text(string.Create(CultureInfo.InvariantCulture,
            $"{produced():N0} produced, {pipeline.CallerIngest.Records:N0} consumed ({_rate:N0}/s), lag {pipeline.CallerIngest.TotalLag:N0} caller / {pipeline.CalleeIngest.TotalLag:N0} callee")));
        grid.AddRow(new Markup("[bold]decisions[/]"), new Text(string.Join("  ", Enum.GetValues<DecisionAction>().Select(a => string.Create(CultureInfo.InvariantCulture, $"{WireNames.Name(a)} {s.Decisions(a):N0}")))));
        grid.AddRow(new Markup("[bold]alerts[/]"), new Text(string.Join("  ", FraudKinds.All.Where(k => s.Alerts(k) > 0).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.ToWire()} {s.Alerts(k):N0}")))));
        grid.AddRow(new Markup("[bold]top flagged[/]"), new Text(string.Join("  ", s.TopFlagged(5).Select(t => string.Create(CultureInfo.InvariantCulture, $"+{t.Number} ({t.Alerts})")))));
        return new Panel(grid).Header("FraudStream demo — live").Expand();
    }

    /// <summary>One line for a console that is not a terminal.</summary>
    public string Line()
    {
        var s = pipeline.Statistics;
        return string.Create(CultureInfo.InvariantCulture,
            $"  {pipeline.CallerIngest.Records:N0} consumed ({_rate:N0}/s), lag {pipeline.CallerIngest.TotalLag + pipeline.CalleeIngest.TotalLag:N0}, {s.Decisions(DecisionAction.Block):N0} blocked, {s.Decisions(DecisionAction.Warn):N0} warned, {s.TotalAlerts:N0} alerts");
    }
}
