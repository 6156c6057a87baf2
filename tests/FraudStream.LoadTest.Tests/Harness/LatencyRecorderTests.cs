using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Tests.Harness;

[TestFixture]
public sealed class LatencyRecorderTests
{
    [Test]
    public void Percentiles_are_nearest_rank_values_that_were_recorded()
    {
        var recorder = new LatencyRecorder();
        // 1..1000 ms in shuffled order: the percentiles must not depend on arrival order.
        foreach (var ms in Enumerable.Range(1, 1000).OrderBy(i => (i * 7919) % 1000))
            recorder.Record(ms);

        var summary = recorder.Summarize();

        Assert.That(summary.Samples, Is.EqualTo(1000));
        Assert.That(summary.P50Ms, Is.EqualTo(500));
        Assert.That(summary.P99Ms, Is.EqualTo(990));
        Assert.That(summary.P999Ms, Is.EqualTo(999));
        Assert.That(summary.MaxMs, Is.EqualTo(1000));
    }

    [Test]
    public void A_single_slow_sample_among_few_is_the_tail()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 99; i++)
            recorder.Record(2);
        recorder.Record(700);

        Assert.That(recorder.Percentile(0.99), Is.EqualTo(2), "p99 of 100 samples is the 99th smallest");
        Assert.That(recorder.Percentile(0.999), Is.EqualTo(700), "p99.9 of 100 samples is the largest: too few samples to hide it");
    }

    [Test]
    public void Recording_after_reading_still_counts()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(5);
        Assert.That(recorder.Percentile(1), Is.EqualTo(5));

        recorder.Record(1.25);

        Assert.That(recorder.Percentile(0.5), Is.EqualTo(1.25));
        Assert.That(recorder.Percentile(1), Is.EqualTo(5));
    }

    [Test]
    public void Nothing_recorded_gives_not_a_number()
    {
        Assert.That(new LatencyRecorder().Summarize().P99Ms, Is.NaN);
    }
}
