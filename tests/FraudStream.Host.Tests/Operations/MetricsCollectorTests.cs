using System.Diagnostics.Metrics;
using FraudStream.Host.Operations;

namespace FraudStream.Host.Tests.Operations;

/// <summary>What the collector keeps of each kind of instrument, without HTTP in between.</summary>
[TestFixture]
public sealed class MetricsCollectorTests
{
    private string _meterName = null!;
    private MetricsCollector _metrics = null!;
    private Meter _meter = null!;

    [SetUp]
    public void Listen()
    {
        _meterName = TestMeter.UniqueName();
        _metrics = new MetricsCollector(_meterName);
        _meter = new Meter(_meterName);
    }

    [TearDown]
    public void Stop()
    {
        _meter.Dispose();
        _metrics.Dispose();
    }

    [Test]
    public void Up_down_counter_is_a_gauge_of_the_running_sum()
    {
        var inFlight = _meter.CreateUpDownCounter<int>("fraudstream.test.in_flight");
        inFlight.Add(5);
        inFlight.Add(-2);

        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# TYPE fraudstream_test_in_flight gauge",
            "fraudstream_test_in_flight 3",
        }));
    }

    [Test]
    public void Gauge_keeps_the_last_value_and_double_counter_sums()
    {
        var degraded = _meter.CreateGauge<int>("fraudstream.test.degraded");
        var seconds = _meter.CreateCounter<double>("fraudstream.test.busy", unit: "s");
        degraded.Record(1);
        degraded.Record(0);
        seconds.Add(0.5);
        seconds.Add(0.25);

        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# TYPE fraudstream_test_busy_seconds_total counter",
            "fraudstream_test_busy_seconds_total 0.75",
            "# TYPE fraudstream_test_degraded gauge",
            "fraudstream_test_degraded 0",
        }));
    }

    [Test]
    public void Observable_counter_reports_the_callbacks_cumulative_value()
    {
        var total = 41L;
        _meter.CreateObservableCounter("fraudstream.test.polled", () => total);

        Assert.That(Lines(), Does.Contain("fraudstream_test_polled_total 41"));
        total = 50;
        Assert.That(Lines(), Does.Contain("fraudstream_test_polled_total 50"));
    }

    [Test]
    public void Observable_series_no_longer_reported_leaves_the_scrape()
    {
        var partitions = new List<int> { 0, 1 };
        _meter.CreateObservableUpDownCounter("fraudstream.test.owned", () => partitions.Select(p => new Measurement<long>(10 + p, new KeyValuePair<string, object?>("partition", p))));

        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# TYPE fraudstream_test_owned gauge",
            "fraudstream_test_owned{partition=\"0\"} 10",
            "fraudstream_test_owned{partition=\"1\"} 11",
        }));

        partitions.Remove(1);
        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# TYPE fraudstream_test_owned gauge",
            "fraudstream_test_owned{partition=\"0\"} 10",
        }));
    }

    [Test]
    public void Tags_in_another_order_are_the_same_series()
    {
        var calls = _meter.CreateCounter<long>("fraudstream.test.calls");
        calls.Add(1, new KeyValuePair<string, object?>("a", "x"), new KeyValuePair<string, object?>("b", 2));
        calls.Add(1, new KeyValuePair<string, object?>("b", 2), new KeyValuePair<string, object?>("a", "x"));
        calls.Add(1, new KeyValuePair<string, object?>("b", 3), new KeyValuePair<string, object?>("a", "x"));

        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# TYPE fraudstream_test_calls_total counter",
            "fraudstream_test_calls_total{a=\"x\",b=\"2\"} 2",
            "fraudstream_test_calls_total{a=\"x\",b=\"3\"} 1",
        }));
    }

    [Test]
    public void Tag_keys_that_become_the_same_label_share_it()
    {
        var calls = _meter.CreateCounter<long>("fraudstream.test.calls");
        calls.Add(1, new KeyValuePair<string, object?>("peer_name", "b"), new KeyValuePair<string, object?>("peer.name", "a"));

        Assert.That(Lines(), Does.Contain("fraudstream_test_calls_total{peer_name=\"a;b\"} 1"));
    }

    [Test]
    public void Histogram_uses_the_instruments_advised_bounds()
    {
        var size = _meter.CreateHistogram<long>("fraudstream.test.batch.size", unit: "{record}", description: null, tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [10, 100] });
        size.Record(10);
        size.Record(50);
        size.Record(500);

        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# TYPE fraudstream_test_batch_size histogram",
            "fraudstream_test_batch_size_bucket{le=\"10\"} 1",
            "fraudstream_test_batch_size_bucket{le=\"100\"} 2",
            "fraudstream_test_batch_size_bucket{le=\"+Inf\"} 3",
            "fraudstream_test_batch_size_sum 560",
            "fraudstream_test_batch_size_count 3",
        }));
    }

    [Test]
    public void Instruments_of_a_disposed_meter_leave_the_scrape()
    {
        _meter.CreateCounter<long>("fraudstream.test.calls").Add(1);
        Assert.That(Lines(), Has.Length.EqualTo(2));

        _meter.Dispose();

        Assert.That(_metrics.Scrape(), Is.Empty);
    }

    [Test]
    public void Meters_outside_the_prefix_are_not_collected()
    {
        using var other = new Meter("Other." + _meterName);
        other.CreateCounter<long>("fraudstream.test.calls").Add(1);

        Assert.That(_metrics.Scrape(), Is.Empty);
    }

    [Test]
    public void Same_name_in_two_meters_is_one_family()
    {
        using var second = new Meter(_meterName + ".Second");
        _meter.CreateCounter<long>("fraudstream.test.calls", description: "First.").Add(1, new KeyValuePair<string, object?>("from", "first"));
        second.CreateCounter<long>("fraudstream.test.calls", description: "Second.").Add(2, new KeyValuePair<string, object?>("from", "second"));
        second.CreateGauge<long>("fraudstream.test.calls.total").Record(9); // same Prometheus name, other type: left out

        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# HELP fraudstream_test_calls_total First.",
            "# TYPE fraudstream_test_calls_total counter",
            "fraudstream_test_calls_total{from=\"first\"} 1",
            "fraudstream_test_calls_total{from=\"second\"} 2",
        }));
    }

    [Test]
    public void Failing_observable_callback_leaves_the_others_and_says_so_in_a_comment()
    {
        _meter.CreateObservableGauge<long>("fraudstream.test.broken", static long () => throw new InvalidOperationException("no consumer"));
        _meter.CreateObservableGauge("fraudstream.test.fine", static () => 1L);

        Assert.That(Lines(), Is.EqualTo(new[]
        {
            "# TYPE fraudstream_test_fine gauge",
            "fraudstream_test_fine 1",
            "# fraudstream: 1 observable instrument callback(s) failed, their values are missing: no consumer",
        }));
    }

    [Test]
    public void Recording_a_seen_tag_set_allocates_nothing()
    {
        var calls = _meter.CreateCounter<long>("fraudstream.test.calls");
        var duration = _meter.CreateHistogram<double>("fraudstream.test.duration", unit: "s");
        var stage = new KeyValuePair<string, object?>("stage", "ingest");
        var action = new KeyValuePair<string, object?>("action", "block");
        calls.Add(1, stage, action);
        duration.Record(0.01, stage);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            calls.Add(1, stage, action);
            duration.Record(0.01, stage);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(Lines(), Does.Contain("fraudstream_test_calls_total{action=\"block\",stage=\"ingest\"} 10001"));
    }

    [Test]
    public void Concurrent_recording_loses_nothing()
    {
        const int Threads = 8;
        const int PerThread = 250_000;
        var calls = _meter.CreateCounter<long>("fraudstream.test.calls");
        var duration = _meter.CreateHistogram<double>("fraudstream.test.duration", unit: "s");
        var stages = new[] { "ingest", "score", "alert", "dlq" };
        using var start = new Barrier(Threads + 1);
        var done = 0;
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                // Each thread starts at another stage, so new tag sets appear on several threads at once.
                calls.Add(1, new KeyValuePair<string, object?>("stage", stages[(i + t) % stages.Length]));
                duration.Record(0.25); // a power of two: the sum is exact whatever the order
            }

            Interlocked.Increment(ref done);
        })).ToList();
        workers.ForEach(w => w.Start());

        start.SignalAndWait();
        var previous = 0L;
        while (Volatile.Read(ref done) < Threads)
        {
            // Scrapes while recording: a counter never goes backwards.
            var seen = ValueOf(_metrics.Scrape(), "fraudstream_test_duration_seconds_count");
            Assert.That(seen, Is.GreaterThanOrEqualTo(previous));
            previous = seen;
            Thread.Sleep(1); // leave the cores to the recording threads, or they would take turns instead of racing
        }

        workers.ForEach(w => w.Join());
        var text = _metrics.Scrape();
        foreach (var stage in stages)
            Assert.That(ValueOf(text, $"fraudstream_test_calls_total{{stage=\"{stage}\"}}"), Is.EqualTo(Threads * PerThread / stages.Length), stage);
        Assert.That(ValueOf(text, "fraudstream_test_duration_seconds_bucket{le=\"0.25\"}"), Is.EqualTo(Threads * PerThread));
        Assert.That(ValueOf(text, "fraudstream_test_duration_seconds_bucket{le=\"0.1\"}"), Is.Zero);
        Assert.That(ValueOf(text, "fraudstream_test_duration_seconds_count"), Is.EqualTo(Threads * PerThread));
        Assert.That(ValueOf(text, "fraudstream_test_duration_seconds_sum"), Is.EqualTo(Threads * PerThread / 4));
    }

    private string[] Lines() => _metrics.Scrape().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // The value of the sample whose name and labels are exactly `series`; 0 when the scrape has none yet.
    private static long ValueOf(string scrape, string series)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
                return long.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }

        return 0;
    }
}
