using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;

namespace FraudStream.Host.Tests.Operations;

/// <summary>The real endpoint on a free loopback port: what Prometheus and a Kubernetes probe would see.</summary>
[TestFixture]
public sealed class OperationsServerTests
{
    private static readonly OperationsOptions AnyFreePort = new() { Listen = "http://127.0.0.1:0" };

    [Test]
    public async Task Metrics_exposes_counter_observable_gauge_and_histogram_in_the_text_format()
    {
        var meterName = TestMeter.UniqueName();
        using var metrics = new MetricsCollector(meterName);
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
        var duration = meter.CreateHistogram<double>("fraudstream.test.duration", unit: "s", description: "Batch time.");

        calls.Add(3, new KeyValuePair<string, object?>("stage", "ingest"));
        calls.Add(2, new KeyValuePair<string, object?>("stage", "ingest"));
        calls.Add(5, new KeyValuePair<string, object?>("stage", "score"));
        duration.Record(0.0005); // on a bound: counted in le="0.0005"
        duration.Record(0.003);
        duration.Record(0.25);
        duration.Record(20);     // above every bound: only +Inf

        await using var server = await OperationsServer.StartAsync(AnyFreePort, Ready, metrics);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""
            # HELP fraudstream_test_calls_total Calls seen.
            # TYPE fraudstream_test_calls_total counter
            fraudstream_test_calls_total{stage="ingest"} 5
            fraudstream_test_calls_total{stage="score"} 5
            # HELP fraudstream_test_duration_seconds Batch time.
            # TYPE fraudstream_test_duration_seconds histogram
            fraudstream_test_duration_seconds_bucket{le="0.0005"} 1
            fraudstream_test_duration_seconds_bucket{le="0.001"} 1
            fraudstream_test_duration_seconds_bucket{le="0.0025"} 1
            fraudstream_test_duration_seconds_bucket{le="0.005"} 2
            fraudstream_test_duration_seconds_bucket{le="0.01"} 2
            fraudstream_test_duration_seconds_bucket{le="0.025"} 2
            fraudstream_test_duration_seconds_bucket{le="0.05"} 2
            fraudstream_test_duration_seconds_bucket{le="0.1"} 2
            fraudstream_test_duration_seconds_bucket{le="0.25"} 3
            fraudstream_test_duration_seconds_bucket{le="0.5"} 3
            fraudstream_test_duration_seconds_bucket{le="1"} 3
            fraudstream_test_duration_seconds_bucket{le="2.5"} 3
            fraudstream_test_duration_seconds_bucket{le="5"} 3
            fraudstream_test_duration_seconds_bucket{le="10"} 3
            fraudstream_test_duration_seconds_bucket{le="+Inf"} 4
            fraudstream_test_duration_seconds_sum 20.2535
            fraudstream_test_duration_seconds_count 4
            # HELP fraudstream_test_lag Records behind.
            # TYPE fraudstream_test_lag gauge
            fraudstream_test_lag{partition="0",topic="cdr"} 7
            fraudstream_test_lag{partition="1",topic="cdr"} 12

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task Metrics_escapes_label_values_and_help_and_sanitizes_label_names()
    {
        var meterName = TestMeter.UniqueName();
        using var metrics = new MetricsCollector(meterName);
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("fraudstream.test.odd", description: "Back\\slash and\nnew line.");
        counter.Add(1, new KeyValuePair<string, object?>("http.route", "a\\b\"c\nd"));

        await using var server = await OperationsServer.StartAsync(AnyFreePort, Ready, metrics);
        var body = await GetStringAsync(server, "/metrics");

        Assert.That(body, Is.EqualTo("""
            # HELP fraudstream_test_odd_total Back\\slash and\nnew line.
            # TYPE fraudstream_test_odd_total counter
            fraudstream_test_odd_total{http_route="a\\b\"c\nd"} 1

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task Liveness_answers_200_live()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, NotReady);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("live"));
    }

    [Test]
    public async Task Readiness_follows_the_delegate_503_with_its_reason_then_200()
    {
        var state = (Ready: false, Reason: "no partitions assigned yet");
        await using var server = await OperationsServer.StartAsync(AnyFreePort, () => state);
        using var http = new HttpClient { BaseAddress = server.Address };

        using (var notReady = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.That(notReady.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await notReady.Content.ReadAsStringAsync(), Is.EqualTo("no partitions assigned yet"));
        }

        state = (true, "");
        using var ready = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("ready"));
    }

    [Test]
    public async Task Readiness_delegate_that_throws_is_503_with_the_error()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, static () => throw new InvalidOperationException("pipeline not built"));
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("readiness check failed: pipeline not built"));
    }

    [Test]
    public async Task Unknown_path_is_404()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, Ready);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("")]
    [TestCase("  ")]
    public async Task Empty_listen_disables_the_endpoint(string listen)
    {
        await using var server = await OperationsServer.StartAsync(new OperationsOptions { Listen = listen }, Ready);

        Assert.That(server.Enabled, Is.False);
        Assert.That(server.Address, Is.Null);
    }

    [Test]
    public async Task Port_0_listens_on_a_real_free_port()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, Ready);

        Assert.That(server.Enabled, Is.True);
        Assert.That(server.Address!.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.Address.Port, Is.GreaterThan(0));
    }

    [Test]
    public void Port_in_use_is_one_line_naming_the_address_and_the_setting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var listen = $"http://127.0.0.1:{port}";

        var e = Assert.ThrowsAsync<UsageException>(() => OperationsServer.StartAsync(new OperationsOptions { Listen = listen }, Ready));

        Assert.That(e!.Message, Is.EqualTo(
            $"Operations:Listen {listen}: the address is already in use (another fraudstream?); pass another Operations:Listen, " +
            "e.g. FRAUDSTREAM__Operations__Listen=http://127.0.0.1:9465, or an empty one to disable the endpoint"));
    }

    [Test]
    public void Invalid_listen_is_a_usage_error_even_without_the_host_validating_it()
    {
        var e = Assert.ThrowsAsync<UsageException>(() => OperationsServer.StartAsync(new OperationsOptions { Listen = "127.0.0.1:9464" }, Ready));

        Assert.That(e!.Message, Does.StartWith("bad configuration: Operations:Listen is '127.0.0.1:9464'"));
    }

    [Test]
    public async Task Stopped_endpoint_frees_its_port()
    {
        var server = await OperationsServer.StartAsync(AnyFreePort, Ready);
        var port = server.Address!.Port;

        await server.DisposeAsync();
        await server.DisposeAsync(); // twice is harmless

        using var reuse = new TcpListener(IPAddress.Loopback, port);
        Assert.That(reuse.Start, Throws.Nothing);
    }

    private static (bool Ready, string Reason) Ready() => (true, "");

    private static (bool Ready, string Reason) NotReady() => (false, "starting");

    private static async Task<string> GetStringAsync(OperationsServer server, string path)
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        return await http.GetStringAsync(new Uri(path, UriKind.Relative));
    }
}
