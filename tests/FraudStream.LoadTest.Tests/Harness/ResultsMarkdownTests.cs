using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Tests.Harness;

[TestFixture]
public sealed class ResultsMarkdownTests
{
    internal static BenchReport Sample(IReadOnlyList<ScalingRow>? scaling = null, string? plot = "bench-scaling-20261122-1200.png") => new()
    {
        Command = "fraudstream bench --count 1000000",
        Commit = "abc1234",
        Started = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
        TotalSeconds = 300,
        Machine = new MachineInfo(2, "AMD EPYC", 24L << 30, "Debian GNU/Linux 12 (bookworm)", ".NET 10.0.12", "2.16.0", "abc1234"),
        LoadAverageAtStart = "1.50 1.20 1.00",
        LoadAverageAtEnd = "2.50 1.80 1.20",
        Quick = false,
        Broker = "embedded: librdkafka 2.16.0 mock cluster, 3 brokers in this process",
        Partitions = 10,
        Preload = new PreloadResult(1_000_000, 20_000, 2_000, 224_000_000, 5, 200_000),
        Raw = new Usage(1_000_000, 4, 250_000, 2.0, 0.5, 1.6, 0.4, 10, 1, 0, 0),
        Pipeline = new PipelineResult(new Usage(1_000_000, 20, 50_000, 20.0, 1.0, 8.0, 12.0, 2400, 100, 10, 1), 0.2, 1_000_000, 978_000, 2_000, 20_000, 978_000, 4_321, 12, 140),
        Latency =
        [
            new LatencyResult(25_000, 60, true, 1_500_000, 3.5, 7_200, 200, 0,
                new LatencySummary(7_000, 12.5, 48.2, 95, 120), new LatencySummary(6_500, 11, 40, 90, 120), new LatencySummary(500, 30, 80, 95, 95),
                new LatencySummary(2_300, 9, 20, 25, 25), new LatencySummary(2_300, 16, 70, 95, 120),
                new LatencySummary(7_000, 10.25, 41.5, 90, 110), new LatencySummary(7_000, 2.25, 6.75, 9, 10)),
            new LatencyResult(5_000, 60, false, 300_000, 1.0, 1_450, 50, 0,
                new LatencySummary(1_400, 8.5, 9.5, 12, 12), new LatencySummary(1_300, 8, 9, 12, 12), new LatencySummary(100, 15, 19, 19, 19),
                new LatencySummary(460, 8, 9, 10, 10), new LatencySummary(460, 9, 10, 12, 12),
                new LatencySummary(1_400, 7, 8, 10, 10), new LatencySummary(1_400, 1.5, 1.5, 2, 2)),
        ],
        Baselines = new BaselineResult(500_000, 20_000, 1.5, 150, 40, 100, 100),
        Scaling = scaling ??
        [
            new ScalingRow("scoring core (one partition, model on)", 10_000, 1_000_000, 1_000_000, 1000, 150, 900L << 20, 26.8, 8),
            new ScalingRow("scoring core (one partition, model on)", 10_000_000, 1_000_000, 700_000, 1429, 152, 3000L << 20, 26.8, 8),
            new ScalingRow("scoring core (one partition, model on)", 1_000_000, 1_000, 1_100_000, 909, 133, 1200L << 20, 32.8, 0.1),
        ],
        Plot = plot,
    };

    [Test]
    public void Render_names_machine_commit_command_and_load()
    {
        var markdown = ResultsMarkdown.Render(Sample());

        Assert.That(markdown, Does.StartWith("## Load harness: `fraudstream bench`, 2026-11-22 12:00 UTC\n"));
        Assert.That(markdown, Does.Contain("- Command: `fraudstream bench --count 1000000`"));
        Assert.That(markdown, Does.Contain("- Commit: `abc1234`"));
        Assert.That(markdown, Does.Contain("2 cores (`AMD EPYC`), 24 GiB, Debian GNU/Linux 12 (bookworm), .NET 10.0.12, librdkafka 2.16.0"));
        Assert.That(markdown, Does.Contain("1.50 1.20 1.00 at start, 2.50 1.80 1.20 at the end"));
    }

    [Test]
    public void Render_puts_each_phase_figure_in_its_row()
    {
        var lines = ResultsMarkdown.Render(Sample()).Split('\n');

        Assert.That(lines.Single(l => l.StartsWith("| A.", StringComparison.Ordinal)), Does.Contain("| 250,000 | 2.00 | 1.60 | 0.50 cores busy, 0.10 of them the embedded brokers |"));
        Assert.That(lines.Single(l => l.StartsWith("| B.", StringComparison.Ordinal)), Does.Contain("| 50,000 | 20.00 | 8.00 |").And.Contain("1.00 cores busy, 0.60 of them the embedded brokers").And.Contain("**0.20 × raw**").And.Contain("4,321 alerts").And.Contain("partitions paused 140 times (full buffers)"));
        var latency = lines.Where(l => l.StartsWith("| C.", StringComparison.Ordinal)).ToList();
        Assert.That(latency, Has.Count.EqualTo(2));
        Assert.That(latency[0], Does.Contain("25,000 CDRs/s (0.50 of B)").And.Contain("p50 **12.5 ms**, p99 **48.2 ms**, p99.9 **95.0 ms**").And.Contain("7,000 alerts")
            .And.Contain("first third of the window p50/p99 9.0/20.0 ms, last third 16.0/70.0 ms")
            .And.Contain("split at the alert's time: until written p50/p99 10.2/41.5 ms, written → read back 2.2/6.8 ms"));
        Assert.That(latency[1], Does.Contain("5,000 CDRs/s (0.10 of B) for 60 s after a warm-up that never caught up with the rate").And.Contain("p99 **9.5 ms**"));
        Assert.That(latency[0], Does.Not.Contain("never caught up"));
        Assert.That(lines.Single(l => l.StartsWith("| E.", StringComparison.Ordinal)), Does.Contain("ours **1.50 µs**").And.Contain("naive **150.0 µs**").And.Contain("**100 ×**"));
        Assert.That(lines, Has.One.EqualTo("| 10,000,000 | 1,000,000 | 700,000 | 1429 | 152 | 3,000 MiB | 26.8 | 8.0 s |"));
        Assert.That(lines, Has.One.EqualTo("![Scaling: events/s and bytes per tracked number](bench-scaling-20261122-1200.png)"));
    }

    [Test]
    public void Render_judges_every_goal_and_marks_the_missed_ones()
    {
        var lines = ResultsMarkdown.Render(Sample()).Split('\n');

        Assert.That(lines, Has.One.StartsWith("| CPU per event, whole pipeline | ≤ 4 CPU-µs | 8.0 CPU-µs FraudStream's own, client threads included (20.0 with the embedded brokers in the process) | **no** |"),
            "the goal is FraudStream's own CPU; the embedded brokers' thread is not FraudStream");
        Assert.That(lines, Has.One.StartsWith("| Pipeline vs raw drain of the same run | ≥ 0.8 × | 0.20 × | **no** |"));
        Assert.That(lines, Has.One.StartsWith("| p99 event→alert at half the maximum rate | ≤ 10 ms | 48.2 ms at 25,000/s (7,000 alerts) | **no** |"),
            "the goal is judged at the first rate, half the maximum, not at the lighter one");
        Assert.That(lines, Has.One.StartsWith("| Scoring core on one core | ≥ 1,000,000 events/s | 700,000 events/s at 10,000,000 numbers, 1,000,000 labels | **no** |"),
            "without a 1M-numbers, 1M-labels row the hardest row (most numbers) is judged");
        Assert.That(lines, Has.One.StartsWith("| Memory per tracked number | ≤ 200 B | at most 152 B (at 10,000,000 numbers) | yes |"));
        Assert.That(lines, Has.One.StartsWith("| Throughput from the fewest to the most tracked numbers | within ±20 % of the smallest | -30 % at 10,000,000 vs 10,000 numbers").And.EndsWith("| **no** |"));
    }

    [Test]
    public void On_a_real_cluster_the_cpu_goal_names_no_embedded_broker()
    {
        var real = Sample() with
        {
            Broker = "kafka1:9092 (a real cluster, brokers outside this process)",
            Pipeline = new PipelineResult(new Usage(1_000_000, 20, 50_000, 3.5, 0.2, 3.5, 0, 2400, 100, 10, 1), 0.9, 1_000_000, 978_000, 2_000, 20_000, 978_000, 4_321, 12, 140),
        };

        var lines = ResultsMarkdown.Render(real).Split('\n');

        Assert.That(lines, Has.One.EqualTo("| CPU per event, whole pipeline | ≤ 4 CPU-µs | 3.5 CPU-µs (process, client threads included) | yes |"));
        Assert.That(lines.Single(l => l.StartsWith("| B.", StringComparison.Ordinal)), Does.Contain("0.20 cores busy;").And.Not.Contain("embedded"));
    }

    [Test]
    public void Every_table_row_has_as_many_cells_as_its_header()
    {
        var markdown = ResultsMarkdown.Render(Sample());
        var table = new List<string>();
        foreach (var line in markdown.Split('\n').Append(""))
        {
            if (line.StartsWith('|'))
            {
                table.Add(line);
                continue;
            }

            if (table.Count > 0)
            {
                var columns = Cells(table[0]);
                Assert.That(table.Select(Cells), Is.All.EqualTo(columns), string.Join('\n', table));
                table.Clear();
            }
        }
    }

    [Test]
    public void Without_scaling_rows_or_plot_neither_table_nor_image_is_written()
    {
        var markdown = ResultsMarkdown.Render(Sample(scaling: [], plot: null));

        Assert.That(markdown, Does.Not.Contain("tracked numbers | labels").And.Not.Contain("!["));
    }

    // Cells of a markdown table row; no figure in these tables contains a '|'.
    private static int Cells(string row) => row.Trim().Trim('|').Split('|').Length;
}
