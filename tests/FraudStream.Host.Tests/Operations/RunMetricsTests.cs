using System.Diagnostics;
using System.Text.RegularExpressions;
using FraudStream.Alerts;
using FraudStream.Host.Operations;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;
using FraudStream.Tests.Shared;

namespace FraudStream.Host.Tests.Operations;

/// <summary>
/// <c>fraudstream run</c> as a child process scoring live traffic from an embedded cluster, scraped the way
/// Prometheus scrapes it: the pipeline's metrics under their exported names, moving while the traffic flows.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class RunMetricsTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private static readonly IngestOptions s_ingest = new();
    private static readonly AlertsOptions s_alerts = new();

    [Test]
    public async Task Run_scraped_twice_during_traffic_reports_more_events_in_the_second_scrape()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        foreach (var topic in new[] { s_ingest.Topic, s_alerts.CalleeTopic, s_alerts.Topic, s_alerts.DecisionTopic, s_ingest.DeadLetterTopic })
            cluster.CreateTopic(topic, 2);
        using var traffic = new CancellationTokenSource();
        var produced = ProduceAsync(cluster.BootstrapServers, traffic.Token);
        using var run = CliRunner.Start(
            new Dictionary<string, string?> { ["FRAUDSTREAM__Operations__Listen"] = "http://127.0.0.1:0" },
            "run", "--bootstrap", cluster.BootstrapServers, "--group", "metrics");
        var output = new RunOutput(run);
        try
        {
            using var http = new HttpClient { BaseAddress = await output.MetricsAddressAsync(Generous) };

            var first = await ScrapeUntilAsync(http, output, static s => s.Value("fraudstream_events_total", "stage=\"caller\"") > 0, "caller events counted");
            var firstEvents = first.Value("fraudstream_events_total", "stage=\"caller\"")!.Value;
            var second = await ScrapeUntilAsync(http, output, s => s.Value("fraudstream_events_total", "stage=\"caller\"") > firstEvents, $"caller events beyond {firstEvents}");

            Assert.That(second.Value("fraudstream_events_total", "stage=\"caller\""), Is.GreaterThan(firstEvents));
            Assert.That(second.Value("fraudstream_batch_duration_seconds_count", "stage=\"caller\""), Is.GreaterThan(0), "every scored batch is timed");
            // The families every run has from its first batch on (fraudstream_consumer_lag appears with the consumer's first statistics).
            Assert.That(second.Types, Does.ContainKey("fraudstream_decisions_total").And.ContainKey("fraudstream_degraded")
                .And.ContainKey("fraudstream_dead_letters_total").And.ContainKey("fraudstream_duplicates_total").And.ContainKey("fraudstream_merge_held")
                .And.ContainKey("fraudstream_merge_watermarks_total").And.ContainKey("fraudstream_events_late_total").And.ContainKey("fraudstream_model_failures_total"), second.Text);
            Assert.That(second.Types["fraudstream_batch_duration_seconds"], Is.EqualTo("histogram"));
            var bounds = second.Series("fraudstream_batch_duration_seconds_bucket").Keys.Where(k => k.Contains("stage=\"caller\"", StringComparison.Ordinal)).Select(LeOf).ToArray();
            Assert.That(bounds, Is.EquivalentTo(HistogramBuckets.Seconds.Select(b => b.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append("+Inf")));
            Assert.That(second.Value("fraudstream_degraded"), Is.EqualTo(1), "no Redis: every decision is degraded");
        }
        finally
        {
            if (!run.HasExited)
                ExternalTool.Terminate(run);
            var stopped = run.WaitForExit(60_000);
            if (!stopped)
            {
                run.Kill(entireProcessTree: true);
                await run.WaitForExitAsync();
            }

            await traffic.CancelAsync();
            await produced;
            Assert.That(stopped, Is.True, "fraudstream run did not stop within 60 s of SIGTERM");
            Assert.That(run.ExitCode, Is.Zero, output.Text);
        }
    }

    private static string LeOf(string series) => LePattern().Match(series).Groups[1].Value;

    // Until the scrape satisfies `done`, or a failure naming what was awaited, with the child's output.
    private static async Task<PrometheusScrape> ScrapeUntilAsync(HttpClient http, RunOutput output, Func<PrometheusScrape, bool> done, string awaited)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (output.Exited)
                Assert.Fail($"fraudstream run exited before {awaited}:\n{output.Text}");
            var scrape = await PrometheusScrape.GetAsync(http);
            if (done(scrape))
                return scrape;
            if (deadline.Elapsed > Generous)
                Assert.Fail($"no scrape showed {awaited} within {Generous.TotalSeconds:F0} s; last scrape:\n{scrape.Text}\nrun output:\n{output.Text}");
            await Task.Delay(250);
        }
    }

    // Traffic at a modest rate until cancelled, so the counters keep moving between two scrapes.
    private static Task ProduceAsync(string bootstrap, CancellationToken stop) => Task.Run(async () =>
    {
        var simulator = new TrafficSimulator(new SimulationOptions { Population = 2_000, Seed = 17, ExpectedRecords = 600_000 });
        await using var sink = KafkaRecordSink.Connect(new KafkaOptions { BootstrapServers = bootstrap }, s_ingest.Topic);
        try
        {
            await SimulationRun.RunAsync(simulator, sink, new RunLimits(null, TimeSpan.FromMinutes(5), 2_000), TimeProvider.System, null, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    });

    [GeneratedRegex("le=\"([^\"]+)\"")]
    private static partial Regex LePattern();
}
