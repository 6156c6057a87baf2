using System.Globalization;
using FraudStream.Alerts.Pipeline;
using FraudStream.Scoring.Decisions;
using FraudStream.Simulator.Output;
using FraudStream.Simulator.Truth;
using Spectre.Console;

namespace FraudStream.Host.Demo;

/// <summary>The demo's closing tables: what went through, precision and recall per kind, what was blocked and who was warned.</summary>
internal sealed class DemoReport(IAnsiConsole console, ScoringPipeline pipeline, AlertCollector collector, DemoTraffic traffic, RunSummary sent, string deadLetterTopic)
{
    /// <summary>Writes the tables; returns whether the run was whole (everything sent was processed and accounted for).</summary>
    public bool Write()
    {
        var ingest = pipeline.CallerIngest;
        var stats = pipeline.Statistics;
        var valid = sent.Records - sent.Malformed - sent.Duplicates;
        var checks = new (string Step, string Result, bool Ok)[]
        {
            ("Simulated CDRs produced (idempotent, acks=all)", F($"{sent.Records:N0} in {sent.Elapsed.TotalSeconds:F1} s, of which {sent.Duplicates:N0} redelivered and {sent.Malformed:N0} broken"), !sent.Stopped),
            ("Consumed by the caller stage", F($"{ingest.Records:N0} records, {ingest.Batches:N0} batches, offsets stored after their outputs were acknowledged"), ingest.Records == sent.Records),
            ("Scored on the caller side", F($"{stats.CallerEvents:N0} events"), stats.CallerEvents == valid),
            ("Re-keyed by callee and scored on the callee side", F($"{stats.CalleeEvents:N0} events"), stats.CalleeEvents == valid),
            ($"Dead-lettered to {deadLetterTopic}", F($"{ingest.DeadLettered:N0} with error code and source headers"), ingest.DeadLettered == sent.Malformed),
            ("Redeliveries dropped by recordId", F($"{ingest.Duplicates:N0}"), ingest.Duplicates == sent.Duplicates),
            ("Alerts produced / read back from the alert topic", F($"{stats.TotalAlerts:N0} / {collector.Count:N0}"), collector.Count == stats.TotalAlerts && collector.Unreadable == 0),
        };

        var table = new Table().AddColumns("step", "result", "");
        foreach (var (step, result, ok) in checks)
            table.AddRow(Markup.Escape(step), Markup.Escape(result), ok ? "[green]ok[/]" : "[red]FAIL[/]");
        console.Write(table);

        WriteAccuracy();
        WriteActions(stats);
        var whole = checks.All(c => c.Ok);
        console.MarkupLine(whole ? "[green]demo OK[/]" : "[red]demo FAILED[/]: some records are not accounted for (see FAIL above)");
        return whole;
    }

    private void WriteAccuracy()
    {
        var score = new TruthScore(traffic.Truth, traffic.Callers);
        var table = new Table().AddColumns("kind", "role", "truth", "alerted", "correct", "other fraud", "precision", "recall");
        table.Title = new TableTitle("Alerts against the simulator's ground truth (distinct numbers)");
        foreach (var (kind, role, truth, truthRole) in TruthScore.Rows)
            AddRow(table, kind, role, score.Of(collector.Numbers(kind, role), truth, truthRole));
        AddRow(table, "ml_fraud", "suspect", score.OfAnySuspect(collector.Numbers("ml_fraud", "suspect")));
        foreach (var column in table.Columns.Skip(2))
            column.RightAligned();
        console.Write(table);
        console.MarkupLine("  [grey]suspects are judged among numbers that placed calls; ml_fraud against every simulated suspect; 'other fraud' = alerted numbers that are fraud of another kind[/]");
    }

    private static void AddRow(Table table, string kind, string role, TruthScore.Score s)
        => table.AddRow(kind, role, F($"{s.Truth}"), F($"{s.Flagged}"), F($"{s.Hits}"), F($"{s.OtherFraud}"), Ratio(s.Precision), Ratio(s.Recall));

    private void WriteActions(PipelineStatistics stats)
    {
        var table = new Table().AddColumns("outcome", "count");
        table.Title = new TableTitle("Protection");
        table.AddRow("Calls blocked", F($"{stats.BlockedCalls:N0}"));
        table.AddRow("SMS blocked", F($"{stats.BlockedSms:N0}"));
        table.AddRow("Events warned / labelled", F($"{stats.Decisions(DecisionAction.Warn):N0} / {stats.Decisions(DecisionAction.Label):N0}"));
        table.AddRow("Subscribers warned (victim alerts)", F($"{stats.SubscribersWarned:N0}"));
        table.AddRow("Blocklist hits (labels, prefix rules) / overseas policy blocks", F($"{stats.Alerts(FraudKind.Blocklisted):N0} / {stats.Alerts(FraudKind.OverseasBlocked):N0} alerts"));
        table.AddRow("Auto labels written back to Redis (closed loop)", F($"{stats.AutoLabelsRequested:N0}"));
        table.AddRow("Alerts suppressed (one per number and kind per window)", F($"{FraudKinds.All.Sum(stats.Suppressed):N0}"));
        table.Columns[1].RightAligned();
        console.Write(table);
    }

    private static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
