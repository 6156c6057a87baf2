using System.Globalization;
using System.Text;

namespace FraudStream.LoadTest.Harness;

/// <summary>A run as a section of the run history (benchmarks/history/, <see cref="RunHistory"/>): where, what, the phase table, the scaling table and plot, the goals.</summary>
internal static class ResultsMarkdown
{
    public static string Render(BenchReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string F(FormattableString s) => s.ToString(inv);

        Line(F($"## Load harness: `fraudstream bench`{(r.Quick ? " --quick" : "")}, {r.Started:yyyy-MM-dd HH:mm} UTC"));
        Line();
        Line(F($"- Command: `{r.Command}`"));
        Line(F($"- Commit: `{r.Commit}`"));
        Line("- Machine: " + r.Machine.Describe(markdown: true));
        Line(F($"- Load average (1/5/15 min): {r.LoadAverageAtStart} at start, {r.LoadAverageAtEnd} at the end; the machine was shared with other jobs, so read every rate as a lower bound"));
        Line(F($"- Kafka: {r.Broker}; {r.Partitions} partitions per topic"));
        Line(F($"- Pre-load: {r.Preload.Records:N0} simulated CDRs ({r.Preload.Bytes / (double)r.Preload.Records:F0} B each; {r.Preload.Duplicates:N0} redeliveries, {r.Preload.Malformed:N0} malformed) in {r.Preload.Seconds:F1} s, zstd"));
        Line(F($"- Whole run: {r.TotalSeconds / 60:F1} min"));
        Line();
        var embedded = r.Broker.StartsWith("embedded", StringComparison.Ordinal);
        Line("| phase | what | events/s | CPU-µs per event | FraudStream's own CPU-µs per event | notes |");
        Line("|---|---|---:|---:|---:|---|");
        Line(F($"| A. raw ceiling | a bare consumer group drains the pre-loaded topic, consuming only (fetch-ahead queue 1M records / 256 MB: librdkafka's default 100,000 idles a bare consumer) | {r.Raw.EventsPerSecond:N0} | {r.Raw.CpuMicrosPerEvent:F2} | {r.Raw.OwnCpuMicrosPerEvent:F2} | {Busy(r.Raw)} |"));
        var p = r.Pipeline;
        Line(F($"| B. pipeline, closed loop | both stages on the same topic (fresh groups): decode, dead letters, dedup, replica, features, rules, batched model, re-key, alerts acknowledged, offsets stored | {p.Usage.EventsPerSecond:N0} | {p.Usage.CpuMicrosPerEvent:F2} | {p.Usage.OwnCpuMicrosPerEvent:F2} | **{p.RatioToRaw:F2} × raw**; {Busy(p.Usage)}; {p.Usage.AllocatedBytesPerEvent:F0} B allocated per event; {p.Events:N0} events scored, {p.DeadLettered:N0} dead-lettered, {p.Duplicates:N0} redeliveries dropped, {p.CalleeRecords:N0} re-keyed records scored by the callee stage, {p.Alerts:N0} alerts; partitions paused {p.Pauses:N0} times (full buffers) |"));
        foreach (var l in r.Latency)
        {
            var share = p.Usage.EventsPerSecond > 0 ? l.Rate / p.Usage.EventsPerSecond : 0;
            Line(F($"| C. latency, open loop | {l.Rate:N0} CDRs/s ({share:F2} of B) for {l.Seconds} s after a warm-up{(l.CaughtUpBeforeWindow ? "" : " that never caught up with the rate")}, on new {LatencyPhase.Partitions}-partition topics; event→alert from each CDR's intended send time | | | | p50 **{l.All.P50Ms:F1} ms**, p99 **{l.All.P99Ms:F1} ms**, p99.9 **{l.All.P999Ms:F1} ms**, max {l.All.MaxMs:F1} ms over {l.All.Samples:N0} alerts; caller-stage alerts p50/p99 {l.CallerStage.P50Ms:F1}/{l.CallerStage.P99Ms:F1} ms ({l.CallerStage.Samples:N0}), callee-stage {l.CalleeStage.P50Ms:F1}/{l.CalleeStage.P99Ms:F1} ms ({l.CalleeStage.Samples:N0}); first third of the window p50/p99 {l.FirstThird.P50Ms:F1}/{l.FirstThird.P99Ms:F1} ms, last third {l.LastThird.P50Ms:F1}/{l.LastThird.P99Ms:F1} ms; split at the alert's time: until written p50/p99 {l.UntilWritten.P50Ms:F1}/{l.UntilWritten.P99Ms:F1} ms, written → read back {l.WrittenToRead.P50Ms:F1}/{l.WrittenToRead.P99Ms:F1} ms; sender at most {l.ProducerWorstLagMs:F1} ms behind schedule |"));
        }
        var b = r.Baselines;
        Line(F($"| E. baselines | one thread, the same events: naive = one model call + one Redis round trip per event; ours = batches of 1,000 + replica | | | | ours **{b.OursMicrosPerEvent:F2} µs**, naive **{b.NaiveMicrosPerEvent:F1} µs** per event: **{b.Ratio:F0} ×** (model one row at a time alone {b.SingleRowModelMicrosPerEvent:F1} µs, Redis round trip alone {b.RedisRoundTripMicrosPerEvent:F1} µs) |"));
        Line();
        Line(embedded
            ? "CPU-µs per event: the process's user + system time over the phase divided by its events, every thread counted: .NET, librdkafka's client threads and the embedded brokers, which run inside this process (the only CPU figure of earlier runs). FraudStream's own: the same minus the embedded brokers' thread (`rdk:mock`, read from /proc/self/task), the issue's measure; the rest is the broker's."
            : "CPU-µs per event: the process's user + system time over the phase divided by its events, every thread counted: .NET and librdkafka's client threads. The brokers run elsewhere, so FraudStream's own is the same figure.");
        if (r.Scaling.Count > 0)
        {
            Line();
            Line(F($"Scaling, {r.Scaling[0].Level}: throughput and memory by tracked numbers and labels. The rows that share a label count are timed together, in interleaved rounds after a warm-up round."));
            Line();
            Line("| tracked numbers | labels | events/s | ns per event | heap growth per tracked number | process RSS | replica B per label | replica full load |");
            Line("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in r.Scaling)
                Line(F($"| {s.Tracked:N0} | {s.Labels:N0} | {s.EventsPerSecond:N0} | {s.NanosPerEvent:F0} | {s.HeapBytesPerNumber:F0} | {s.ResidentBytes / 1048576.0:N0} MiB | {s.LabelBytesPerLabel:F1} | {s.ReplicaLoadSeconds:F1} s |"));
            if (r.Plot is not null)
            {
                Line();
                Line(F($"![Scaling: events/s and bytes per tracked number]({r.Plot})"));
            }
        }

        Line();
        Line("| goal | target | measured | met |");
        Line("|---|---|---|---|");
        foreach (var g in r.Goals)
            Line($"| {g.Name} | {g.Target} | {g.Measured} | {(g.Met ? "yes" : "**no**")} |");
        Line();
        return md.ToString();
    }

    // Cores busy on average, and of them the embedded brokers' when they ran in the process.
    private static string Busy(Usage u)
    {
        var broker = u.BrokerCpuMicrosPerEvent * u.EventsPerSecond / 1e6;
        return broker > 0
            ? string.Format(CultureInfo.InvariantCulture, "{0:F2} cores busy, {1:F2} of them the embedded brokers", u.CoresBusy, broker)
            : string.Format(CultureInfo.InvariantCulture, "{0:F2} cores busy", u.CoresBusy);
    }
}
