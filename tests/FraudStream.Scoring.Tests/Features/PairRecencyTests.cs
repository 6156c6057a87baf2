using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Tests.Features;

[TestFixture]
public sealed class PairRecencyTests
{
    [Test]
    public void Contains_sees_a_touched_pair_in_its_direction_only_and_records_nothing()
    {
        var pairs = new PairRecency(12);
        pairs.Touch(8613800000001, 447700900123, 1000, out _, out _, out _);

        Assert.That(pairs.Contains(8613800000001, 447700900123), Is.True);
        Assert.That(pairs.Contains(447700900123, 8613800000001), Is.False, "the reverse direction is another pair");
        Assert.That(pairs.Contains(8613800000002, 447700900123), Is.False);

        pairs.Touch(8613800000002, 447700900123, 1000, out var first, out _, out _);
        Assert.That(first, Is.True, "Contains did not record the pair it asked about");
    }
}
