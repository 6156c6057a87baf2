using System.Diagnostics.Metrics;
using FraudStream.Host.Operations;

namespace FraudStream.Host.Tests.Operations;

/// <summary><c>Operations:Otlp:Endpoint</c>: the metrics reach an OTLP/HTTP receiver as protobuf, periodically and at the stop.</summary>
[TestFixture]
public sealed class OtlpExportTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Otlp_endpoint_receives_the_metrics_as_protobuf_posts_to_v1_metrics()
    {
        using var collector = FakeOtlpCollector.Start();
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var events = meter.CreateCounter<long>("fraudstream.test.exported");
        var options = new OperationsOptions { Listen = "", Otlp = { Endpoint = collector.Address, ExportInterval = TimeSpan.FromMilliseconds(200) } };
        await using var server = await OperationsServer.StartAsync(options, static () => (true, ""), meterName);

        events.Add(7);
        var request = await collector.WaitForAsync(static r => r.Carries("fraudstream.test.exported"), Generous);

        Assert.Multiple(() =>
        {
            Assert.That(server.Enabled, Is.False, "OTLP export runs without the /metrics endpoint");
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/v1/metrics"));
            Assert.That(request.ContentType, Is.EqualTo("application/x-protobuf"));
            Assert.That(request.Carries(meterName), Is.True, "the instrumentation scope is the meter");
            Assert.That(request.Carries("service.name"), Is.True, "the resource names the service");
        });
    }

    [Test]
    public async Task Otlp_export_sends_what_was_recorded_when_the_endpoint_stops()
    {
        using var collector = FakeOtlpCollector.Start();
        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var events = meter.CreateCounter<long>("fraudstream.test.last");
        var options = new OperationsOptions { Listen = "http://127.0.0.1:0", Otlp = { Endpoint = collector.Address + "v1/metrics", ExportInterval = TimeSpan.FromHours(1) } };
        var server = await OperationsServer.StartAsync(options, static () => (true, ""), meterName);

        events.Add(1);
        await server.DisposeAsync();

        var request = await collector.WaitForAsync(static r => r.Carries("fraudstream.test.last"), Generous);
        Assert.That(request.Path, Is.EqualTo("/v1/metrics"), "an endpoint that already names /v1/metrics is used as it is");
    }

    [Test]
    public async Task Otlp_unreachable_collector_neither_fails_the_start_nor_holds_the_stop()
    {
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var meterName = TestMeter.UniqueName();
        using var meter = new Meter(meterName);
        var events = meter.CreateCounter<long>("fraudstream.test.nowhere");
        var options = new OperationsOptions { Listen = "http://127.0.0.1:0", Otlp = { Endpoint = $"http://127.0.0.1:{closedPort}", ExportInterval = TimeSpan.FromMilliseconds(100) } };
        var server = await OperationsServer.StartAsync(options, static () => (true, ""), meterName);
        events.Add(1);
        using (var http = new HttpClient { BaseAddress = server.Address })
            Assert.That((await PrometheusScrape.GetAsync(http)).Value("fraudstream_test_nowhere_total"), Is.EqualTo(1), "/metrics serves on");

        // The last export is bounded (5 s); a minute means it hung.
        var stop = server.DisposeAsync().AsTask();
        Assert.That(await Task.WhenAny(stop, Task.Delay(TimeSpan.FromMinutes(1))), Is.SameAs(stop), "the stop waited on the unreachable collector");
    }
}
