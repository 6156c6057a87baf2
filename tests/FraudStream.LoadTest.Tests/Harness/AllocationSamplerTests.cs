using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Tests.Harness;

public class AllocationSamplerTests
{
    [Test]
    public async Task The_type_allocated_most_while_sampling_comes_first_and_nothing_is_sampled_after_stop()
    {
        using var sampler = new AllocationSampler();
        var keep = new List<Marker[]>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        // Runtime events reach a listener asynchronously: allocate until the samples arrive.
        while (sampler.Top(1, 1) is not [{ Type: var type }] || !type.Contains(nameof(Marker), StringComparison.Ordinal))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no allocation tick named the marker type within 20 s");
            for (var i = 0; i < 2_000; i++)
                keep.Add(new Marker[64]); // 2,000 × 1 KB between looks: about 20 ticks
            keep.Clear();
            await Task.Delay(50);
        }

        var top = sampler.Top(3, events: 1000);
        Assert.That(top[0].Share, Is.GreaterThan(0.5).And.LessThanOrEqualTo(1));
        Assert.That(top[0].BytesPerEvent, Is.GreaterThan(100), "megabytes over 1,000 events");

        sampler.Stop();
        await Task.Delay(500); // ticks already in flight land
        var stopped = sampler.Top(1, 1)[0].BytesPerEvent;
        for (var i = 0; i < 20_000; i++)
            keep.Add(new Marker[64]);
        keep.Clear();
        await Task.Delay(1000);
        Assert.That(sampler.Top(1, 1)[0].BytesPerEvent, Is.EqualTo(stopped));
    }

    private readonly record struct Marker(long A, long B);
}
