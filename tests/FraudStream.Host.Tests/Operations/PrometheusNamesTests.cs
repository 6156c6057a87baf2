using FraudStream.Host.Operations;

namespace FraudStream.Host.Tests.Operations;

/// <summary>OpenTelemetry names and units to Prometheus names, as the OpenTelemetry compatibility specification says.</summary>
[TestFixture]
public sealed class PrometheusNamesTests
{
    [TestCase("fraudstream.alerts", null, "counter", "fraudstream_alerts_total")]
    [TestCase("fraudstream.alerts.suppressed", "", "counter", "fraudstream_alerts_suppressed_total")]
    [TestCase("fraudstream.dead_letters", "{record}", "counter", "fraudstream_dead_letters_total")]
    [TestCase("fraudstream.requests.total", null, "counter", "fraudstream_requests_total")]
    [TestCase("fraudstream.busy.time", "s", "counter", "fraudstream_busy_time_seconds_total")]
    [TestCase("fraudstream.busy_total", "s", "counter", "fraudstream_busy_seconds_total")]
    [TestCase("fraudstream.batch.duration", "s", "histogram", "fraudstream_batch_duration_seconds")]
    [TestCase("fraudstream.batch.duration.seconds", "s", "histogram", "fraudstream_batch_duration_seconds")]
    [TestCase("http.server.request.duration", "ms", "histogram", "http_server_request_duration_milliseconds")]
    [TestCase("fraudstream.consumer.lag", "{record}", "gauge", "fraudstream_consumer_lag")]
    [TestCase("fraudstream.degraded", null, "gauge", "fraudstream_degraded")]
    [TestCase("fraudstream.cpu.utilization", "1", "gauge", "fraudstream_cpu_utilization_ratio")]
    [TestCase("fraudstream.io", "By/s", "gauge", "fraudstream_io_bytes_per_second")]
    [TestCase("fraudstream.rate", "{event}/s", "gauge", "fraudstream_rate_per_second")]
    [TestCase("fraudstream..odd-name/x", null, "gauge", "fraudstream_odd_name_x")]
    [TestCase("fraudstream.ns:sub", null, "gauge", "fraudstream_ns:sub")]
    [TestCase("2xx.responses", null, "counter", "_2xx_responses_total")]
    public void Metric_name_follows_the_OpenTelemetry_conventions(string name, string? unit, string type, string expected)
        => Assert.That(PrometheusNames.Metric(name, unit, Enum.Parse<MetricType>(type, ignoreCase: true)), Is.EqualTo(expected));

    [TestCase("stage", "stage")]
    [TestCase("http.route", "http_route")]
    [TestCase("net:peer", "net_peer")]
    [TestCase("0day", "key_0day")]
    [TestCase("a..b", "a_b")]
    public void Label_name_has_only_letters_digits_and_single_underscores(string key, string expected)
        => Assert.That(PrometheusNames.Label(key), Is.EqualTo(expected));
}
