using FraudStream.Scoring.Redis;

namespace FraudStream.Scoring.Tests.Redis;

[TestFixture]
public sealed class RedisOptionsTests
{
    [Test]
    public void Validate_defaults_pass()
    {
        Assert.That(new RedisOptions().Validate(), Is.Null);
        Assert.That(new RedisOptions { Configuration = "redis1:6379,password=x,ssl=true" }.Validate(), Is.Null);
    }

    [TestCase(50)]
    [TestCase(120_000)]
    public void Validate_connect_timeout_out_of_range_is_rejected(int timeout)
    {
        Assert.That(new RedisOptions { ConnectTimeoutMs = timeout }.Validate(), Does.Contain("Redis:ConnectTimeoutMs"));
    }

    [Test]
    public void Validate_unparseable_configuration_names_the_key()
    {
        Assert.That(new RedisOptions { Configuration = "host:6379,connectTimeout=soon" }.Validate(), Does.StartWith("Redis:Configuration"));
    }

    [Test]
    public void Connect_to_a_closed_port_returns_an_unconnected_multiplexer_instead_of_throwing()
    {
        using var redis = RedisConnector.Connect(new RedisOptions { Configuration = "127.0.0.1:1", ConnectTimeoutMs = 200 });

        Assert.That(redis.IsConnected, Is.False);
    }
}
