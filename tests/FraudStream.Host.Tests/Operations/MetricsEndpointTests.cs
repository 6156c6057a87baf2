using System.Diagnostics.Metrics;
using System.Net;
using FraudStream.Host.Operations;

namespace FraudStream.Host.Tests.Operations;

/// <summary><c>GET /metrics</c> on a free loopback port, as Prometheus scrapes it, for a meter private to each test.</summary>
[TestFixture]
public sealed class MetricsEndpointTests
{
    private static readonly OperationsOptions AnyFreePort = new() { Listen = "http://127.0.0.1:0" };

    [Test]
    public async Task Metrics_counter_gauge_and_histogram_are_exported_under_their_prometheus_names()
    {
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var calls = meter.CreateCounter<long>("fraudstream.test.calls", description: "Calls seen.");
        meter.CreateObservableGauge(
            "fraudstream.test.lag",
            static () => new[]
            {
                new Measurement<long>(12, new("topic", "cdr"), new("partition", 1)),
                new Measurement<long>(7, new("topic", "cdr"), new("partition", 0)),
            },
            unit: "{record}",
            description: "Records behind.");
        var inFlight = meter.CreateUpDownCounter<long>("fraudstream.test.in_flight");
        var polled = meter.CreateObservableCounter("fraudstream.test.polled", static () => 42L);
        await using var server = await Start(meterName);

        calls.Add(3, new KeyValuePair<string, object?>("stage", "ingest"));
        calls.Add(2, new KeyValuePair<string, object?>("stage", "ingest"));
        calls.Add(5, new KeyValuePair<string, object?>("stage", "score"));
        inFlight.Add(5);
        inFlight.Add(-2);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var scrape = PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
        Assert.Multiple(() =>
        {
            Assert.That(scrape.Types["fraudstream_test_calls_total"], Is.EqualTo("counter"));
            Assert.That(scrape.Help["fraudstream_test_calls_total"], Is.EqualTo("Calls seen."));
            Assert.That(scrape.Value("fraudstream_test_calls_total", "stage=\"ingest\""), Is.EqualTo(5));
            Assert.That(scrape.Value("fraudstream_test_calls_total", "stage=\"score\""), Is.EqualTo(5));
            Assert.That(scrape.Types["fraudstream_test_lag"], Is.EqualTo("gauge"));
            Assert.That(scrape.Value("fraudstream_test_lag", "topic=\"cdr\"", "partition=\"0\""), Is.EqualTo(7));
            Assert.That(scrape.Value("fraudstream_test_lag", "topic=\"cdr\"", "partition=\"1\""), Is.EqualTo(12));
            Assert.That(scrape.Types["fraudstream_test_in_flight"], Is.EqualTo("gauge"));
            Assert.That(scrape.Value("fraudstream_test_in_flight"), Is.EqualTo(3));
            Assert.That(scrape.Types["fraudstream_test_polled_total"], Is.EqualTo("counter"));
            Assert.That(scrape.Value("fraudstream_test_polled_total"), Is.EqualTo(42));
        });
        GC.KeepAlive(polled);
    }

    [Test]
    public async Task Metrics_histogram_without_advice_has_the_seconds_buckets_half_a_millisecond_to_ten_seconds()
    {
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var duration = meter.CreateHistogram<double>("fraudstream.test.duration", unit: "s", description: "Batch time.");
        await using var server = await Start(meterName);

        duration.Record(0.0005); // on a bound: counted in le="0.0005"
        duration.Record(0.003);
        duration.Record(0.25);
        duration.Record(20);     // above every bound: only +Inf
        var scrape = await ScrapeAsync(server);

        Assert.That(scrape.Types["fraudstream_test_duration_seconds"], Is.EqualTo("histogram"));
        Assert.That(Buckets(scrape, "fraudstream_test_duration_seconds"), Is.EqualTo(new Dictionary<string, double>
        {
            ["0.0005"] = 1, ["0.001"] = 1, ["0.0025"] = 1, ["0.005"] = 2, ["0.01"] = 2, ["0.025"] = 2, ["0.05"] = 2, ["0.1"] = 2,
            ["0.25"] = 3, ["0.5"] = 3, ["1"] = 3, ["2.5"] = 3, ["5"] = 3, ["10"] = 3, ["+Inf"] = 4,
        }));
        Assert.That(scrape.Value("fraudstream_test_duration_seconds_sum"), Is.EqualTo(20.2535).Within(1e-9));
        Assert.That(scrape.Value("fraudstream_test_duration_seconds_count"), Is.EqualTo(4));
    }

    [Test]
    public async Task Metrics_histogram_with_advised_buckets_exports_those_buckets()
    {
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var size = meter.CreateHistogram<long>("fraudstream.test.batch.size", unit: "{record}", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [10, 100, 1000] });
        await using var server = await Start(meterName);

        size.Record(10);
        size.Record(500);
        size.Record(5000);
        var scrape = await ScrapeAsync(server);

        Assert.That(Buckets(scrape, "fraudstream_test_batch_size"), Is.EqualTo(new Dictionary<string, double>
        {
            ["10"] = 1, ["100"] = 1, ["1000"] = 2, ["+Inf"] = 3,
        }));
    }

    [Test]
    public async Task Metrics_scraped_twice_shows_a_counter_that_moved_in_between()
    {
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var events = meter.CreateCounter<long>("fraudstream.test.events");
        await using var server = await Start(meterName);

        events.Add(1);
        var first = await ScrapeAsync(server);
        events.Add(1);
        var second = await ScrapeAsync(server);

        Assert.That(first.Value("fraudstream_test_events_total"), Is.EqualTo(1));
        Assert.That(second.Value("fraudstream_test_events_total"), Is.EqualTo(2), "no cached answer: every scrape collects anew");
    }

    [Test]
    public async Task Metrics_observable_series_no_longer_reported_leaves_the_next_scrape()
    {
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var partitions = new[] { 0, 1 };
        meter.CreateObservableGauge("fraudstream.test.lag", () => partitions.Select(p => new Measurement<long>(10 + p, new KeyValuePair<string, object?>("partition", p))));
        await using var server = await Start(meterName);

        var before = await ScrapeAsync(server);
        partitions = [0]; // partition 1 revoked
        var after = await ScrapeAsync(server);

        Assert.That(before.Series("fraudstream_test_lag"), Has.Count.EqualTo(2));
        Assert.That(after.Series("fraudstream_test_lag").Keys, Is.EqualTo(new[] { "fraudstream_test_lag{partition=\"0\"}" }));
    }

    [Test]
    public async Task Metrics_escapes_label_values_and_help_and_sanitizes_label_names()
    {
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("fraudstream.test.odd", description: "Back\\slash and\nnew line.");
        await using var server = await Start(meterName);

        counter.Add(1, new KeyValuePair<string, object?>("http.route", "a\\b\"c\nd"));
        var scrape = await ScrapeAsync(server);

        Assert.That(scrape.Text, Does.Contain("# HELP fraudstream_test_odd_total Back\\\\slash and\\nnew line.\n"));
        Assert.That(scrape.Text, Does.Contain("fraudstream_test_odd_total{http_route=\"a\\\\b\\\"c\\nd\"} 1\n"));
    }

    [Test]
    public async Task Metrics_leaves_out_meters_other_than_the_configured_ones()
    {
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        using var other = new Meter("Other." + meterName);
        meter.CreateObservableGauge("fraudstream.test.mine", static () => 1);
        other.CreateObservableGauge("fraudstream.test.theirs", static () => 1);
        await using var server = await Start(meterName);

        var scrape = await ScrapeAsync(server);

        Assert.That(scrape.Types.Keys, Does.Contain("fraudstream_test_mine").And.Not.Contains("fraudstream_test_theirs"));
    }

    [Test]
    public async Task Metrics_describes_the_service_in_target_info()
    {
        await using var server = await Start(TestMeter.UniqueName());

        var scrape = await ScrapeAsync(server);

        Assert.That(scrape.Series("target_info").Keys.Single(), Does.Contain("service_name=\"fraudstream\""));
    }

    private static Task<OperationsServer> Start(string meterName) => OperationsServer.StartAsync(AnyFreePort, static () => (true, ""), meterName);

    private static async Task<PrometheusScrape> ScrapeAsync(OperationsServer server)
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        return await PrometheusScrape.GetAsync(http);
    }

    // le → cumulative count of a histogram without other labels.
    private static Dictionary<string, double> Buckets(PrometheusScrape scrape, string name)
        => scrape.Series(name + "_bucket").ToDictionary(s => s.Key[(s.Key.IndexOf("le=\"", StringComparison.Ordinal) + 4)..^2], s => s.Value);
}
