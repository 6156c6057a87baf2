using System.Globalization;

namespace FraudStream.LoadTest.Harness;

/// <summary>The goals for this 2-core machine, judged against one run.</summary>
internal static class BenchGoals
{
    public static IReadOnlyList<Goal> Evaluate(BenchReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var goals = new List<Goal>
        {
            new("CPU per event, whole pipeline", "≤ 4 CPU-µs",
                r.Broker.StartsWith("embedded", StringComparison.Ordinal)
                    ? string.Format(inv, "{0:F1} CPU-µs FraudStream's own, client threads included ({1:F1} with the embedded brokers in the process)", r.Pipeline.Usage.OwnCpuMicrosPerEvent, r.Pipeline.Usage.CpuMicrosPerEvent)
                    : string.Format(inv, "{0:F1} CPU-µs (process, client threads included)", r.Pipeline.Usage.OwnCpuMicrosPerEvent),
                r.Pipeline.Usage.OwnCpuMicrosPerEvent <= 4),
            new("Pipeline vs raw drain of the same run", "≥ 0.8 ×", string.Format(inv, "{0:F2} ×", r.Pipeline.RatioToRaw), r.Pipeline.RatioToRaw >= 0.8),
        };
        if (r.Latency.Count > 0)
        {
            var l = r.Latency[0];
            goals.Add(new("p99 event→alert at half the maximum rate", "≤ 10 ms",
                string.Format(inv, "{0:F1} ms at {1:N0}/s ({2:N0} alerts)", l.All.P99Ms, l.Rate, l.All.Samples), l.All.Samples > 0 && l.All.P99Ms <= 10));
        }

        var core = CoreRow(r.Scaling);
        if (core is not null)
        {
            goals.Add(new("Scoring core on one core", "≥ 1,000,000 events/s",
                string.Format(inv, "{0:N0} events/s at {1:N0} numbers, {2:N0} labels", core.EventsPerSecond, core.Tracked, core.Labels), core.EventsPerSecond >= 1_000_000));
        }

        if (r.Scaling.Count > 0)
        {
            var worst = r.Scaling.MaxBy(s => s.HeapBytesPerNumber)!;
            goals.Add(new("Memory per tracked number", "≤ 200 B",
                string.Format(inv, "at most {0:F0} B (at {1:N0} numbers)", worst.HeapBytesPerNumber, worst.Tracked), worst.HeapBytesPerNumber <= 200));
        }

        if (Flatness(r.Scaling) is var (spread, from, to, labels) && from != to)
        {
            goals.Add(new("Throughput from the fewest to the most tracked numbers", "within ±20 % of the smallest",
                string.Format(inv, "{0:+0;-0} % at {1:N0} vs {2:N0} numbers ({3:N0} labels; worst row)", spread * 100, to, from, labels), Math.Abs(spread) <= 0.2));
        }

        return goals;
    }

    // The tracked-number sweep: the label count with the most rows.
    internal static (double Spread, int From, int To, int Labels)? Flatness(IReadOnlyList<ScalingRow> rows)
    {
        var sweep = rows.GroupBy(r => r.Labels).MaxBy(g => g.Count())?.OrderBy(r => r.Tracked).ToList();
        if (sweep is null || sweep.Count < 2)
            return null;
        var baseline = sweep[0];
        var worst = sweep.Skip(1).MaxBy(r => Math.Abs(r.EventsPerSecond / baseline.EventsPerSecond - 1))!;
        return (worst.EventsPerSecond / baseline.EventsPerSecond - 1, baseline.Tracked, worst.Tracked, baseline.Labels);
    }

    private static ScalingRow? CoreRow(IReadOnlyList<ScalingRow> rows)
        => rows.FirstOrDefault(r => r.Tracked == 1_000_000 && r.Labels == 1_000_000) ?? rows.MaxBy(r => r.Tracked);
}
