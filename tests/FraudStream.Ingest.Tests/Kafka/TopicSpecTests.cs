using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

[TestFixture]
public sealed class TopicSpecTests
{
    [TestCase("telco.cdr.v1:12", "telco.cdr.v1", 12)]
    [TestCase("alerts", "alerts", 6)]
    [TestCase("a-b_c:1", "a-b_c", 1)]
    public void TryParse_valid_spec_gives_name_and_partitions(string text, string name, int partitions)
    {
        Assert.That(TopicSpec.TryParse(text, 6, out var spec, out var error), Is.True, error);
        Assert.That(spec, Is.EqualTo(new TopicSpec(name, partitions)));
    }

    [TestCase("t:0", "partition count")]
    [TestCase("t:-1", "partition count")]
    [TestCase("t:abc", "partition count")]
    [TestCase("t:5000", "partition count")]
    [TestCase(":3", "not a topic")]
    [TestCase("bad name:3", "not a topic")]
    [TestCase("..", "not a topic")]
    public void TryParse_invalid_spec_says_what_is_wrong(string text, string reason)
    {
        Assert.That(TopicSpec.TryParse(text, 6, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason).And.Contain(text));
    }
}
