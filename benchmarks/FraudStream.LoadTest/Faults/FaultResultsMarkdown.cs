using System.Globalization;
using System.Text;

namespace FraudStream.LoadTest.Faults;

/// <summary>A <c>bench --faults</c> run as a section of the run history (benchmarks/history/): where, what, one row per scenario, the overload's memory and lag.</summary>
internal static class FaultResultsMarkdown
{
    public static string Render(FaultBenchReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string F(FormattableString s) => s.ToString(inv);

        Line(F($"## Fault matrix: `fraudstream bench --faults`, {r.Started:yyyy-MM-dd HH:mm} UTC"));
        Line();
        Line(F($"- Command: `{r.Command}`"));
        Line(F($"- Commit: `{r.Commit}`"));
        Line("- Machine: " + r.Machine.Describe(markdown: true));
        Line(F($"- Load average (1/5/15 min): {r.LoadAverageAtStart} at start, {r.LoadAverageAtEnd} at the end"));
        Line(F($"- Each scenario: a fresh embedded cluster (3 brokers, {r.Partitions} partitions per topic), a private redis-server, one pipeline publishing decisions (in this process; sigkill and sigterm run it as `fraudstream run` child processes); {r.RecordsPerScenario:N0} simulated CDRs (2 % redeliveries, 0.2 % malformed) sent in bursts of {r.Rate:N0} a second, the fault injected once a quarter is consumed; `Ingest:PartitionBufferSize` {r.PartitionBufferSize}, `Ingest:MaxBatchSize` {r.MaxBatchSize}"));
        Line(F($"- Whole run: {r.TotalSeconds / 60:F1} min; {(r.Held ? "every scenario held" : "**a scenario did not hold**")}"));
        Line();
        Line("| scenario | item | fault | records in | valid decided | dead-lettered | missing | duplicates (bound) | dropped by broker | lost by broker after ack | wall time | held |");
        Line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in r.Scenarios)
        {
            Line(F($"| {s.Scenario} | {s.Item} | {s.Fault} | {s.Records:N0} | {s.Decided:N0} of {s.Valid:N0} | {s.DeadLettered:N0} | {s.Missing:N0} | {s.Duplicates:N0} ({s.DuplicateBound:N0}) | {s.Dropped:N0} | {(s.Audited ? F($"{s.BrokerLost:N0}") : "not audited")} | {s.Seconds:F1} s | {(s.Held ? "yes" : "**no**" + (s.Failure is null ? "" : ": " + s.Failure))} |"));
        }

        if (r.Scenarios.Any(static s => s.BrokerLoss is not null))
        {
            Line();
            Line("Lost by the embedded broker after acknowledging (not FraudStream's; see the note below):");
            Line();
            foreach (var s in r.Scenarios)
            {
                if (s.BrokerLoss is not null)
                    Line(F($"- {s.Scenario}: {s.BrokerLoss}."));
            }
        }

        if (r.Scenarios.Any(static s => s.Observed is not null))
        {
            Line();
            Line("Observed beyond the ledger:");
            Line();
            foreach (var s in r.Scenarios)
            {
                if (s.Observed is not null)
                    Line(F($"- {s.Scenario}: {s.Observed}."));
            }
        }

        foreach (var s in r.Scenarios)
        {
            if (s.Overload is not { } o)
                continue;
            Line();
            Line(F($"Overload: live managed heap {o.BaselineHeapBytes / 1048576.0:F0} MiB before, at most {o.MaxHeapBytes / 1048576.0:F0} MiB while {s.Records:N0} records arrived at once ({o.Samples} samples, each after a full collection); bound {o.BoundHeapBytes / 1048576.0:F0} MiB from the buffers, de-duplicators and features (`OverloadBound`); working set at most {o.MaxWorkingSetBytes / 1048576.0:F0} MiB (it includes the embedded brokers' logs, which live in this process); reported lag (`fraudstream_consumer_lag`) at most {o.MaxCallerLag:N0} on the caller stage and {o.MaxCalleeLag:N0} on the callee stage, {o.LagAfter:N0} after; the two stages' buffers and batches hold at most {o.BufferedRecords:N0} records{(o.MaxCallerLag > o.BufferedRecords ? "" : F($" (the lag never exceeded the {o.BufferedRecords:N0} records the buffers hold: at this size the buffers absorbed the burst, no overload)"))}."));
        }

        Line();
        Line("Missing: valid records with no caller-stage decision plus undecodable records not in the dead-letter topic that FraudStream lost (must be 0; a valid record never re-keyed, or an output acknowledged only after its input offset was released for storing, also fails the scenario). Lost by broker after ack: outputs missing from their topic that FraudStream produced, that the client reported persisted and whose input offset was released only afterwards, by the pipelines' own delivery reports (librdkafka's mock cluster acknowledges records it never wrote while partition leaders move: no offset in the report); reported, not failing the scenario; \"not audited\" where child processes ran (sigkill, sigterm) or the live heap is bounded (overload: the audit grows with the records), and there every missing record counts as FraudStream's. Duplicates: decisions beyond the first per recordId plus dead letters beyond the first per source offset; the bound is 0 where no partition moves, else the uncommitted window (partitions × (buffer + batch) + 1 s of traffic), or where an instance stops and another takes over (sigkill, sigterm, produce-rejected) what the stopped one processed beyond its committed offsets plus the simulated redeliveries whose original it had committed (the new one cannot recognise them), measured at the stop. Dropped: records the embedded broker discarded (5 MiB per partition); a run with any is not valid. Wall time: the whole scenario, from starting its cluster and joining the groups to reading every topic back for the ledger.");
        Line();
        return md.ToString();
    }
}
