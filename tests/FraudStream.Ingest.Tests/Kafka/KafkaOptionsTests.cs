using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

[TestFixture]
public sealed class KafkaOptionsTests
{
    [Test]
    public void Validate_empty_bootstrap_when_required_names_the_flag()
    {
        Assert.That(new KafkaOptions().Validate(bootstrapRequired: true), Does.Contain("--bootstrap"));
        Assert.That(new KafkaOptions().Validate(bootstrapRequired: false), Is.Null);
    }

    [TestCase("localhost")]
    [TestCase("host:port")]
    [TestCase("h:1,h:99999")]
    public void Validate_bootstrap_without_host_port_is_rejected(string servers)
    {
        Assert.That(new KafkaOptions { BootstrapServers = servers }.Validate(true), Does.Contain("expected host:port"));
    }

    [Test]
    public void Validate_good_bootstrap_list_passes()
    {
        Assert.That(new KafkaOptions { BootstrapServers = "k1:9092, k2:9092" }.Validate(true), Is.Null);
    }

    [TestCase(500, 100, "Kafka:TransactionTimeoutMs is 500")]
    [TestCase(10_000, 0, "Kafka:TransactionIntervalMs is 0")]
    [TestCase(10_000, 10_000, "less than Kafka:TransactionTimeoutMs (10000)")]
    public void Transaction_timings_are_checked(int timeoutMs, int intervalMs, string expected)
        => Assert.That(new KafkaOptions { TransactionTimeoutMs = timeoutMs, TransactionIntervalMs = intervalMs }.Validate(false), Does.Contain(expected));

    [Test]
    public void Exactly_once_gives_each_stage_its_own_stable_transactional_id_and_turns_auto_commit_off()
    {
        var options = new KafkaOptions { GroupId = "g", InstanceId = "pod-7", ExactlyOnce = true };

        Assert.That(options.TransactionalId("caller"), Is.EqualTo("g.caller.pod-7"));
        Assert.That(options.TransactionalId("callee"), Is.Not.EqualTo(options.TransactionalId("caller")));
        Assert.That(KafkaClientConfigs.Consumer(options).EnableAutoCommit, Is.False);
        Assert.That(KafkaClientConfigs.TransactionalProducer(options, "t").TransactionalId, Is.EqualTo("t"));
        Assert.That(KafkaClientConfigs.Consumer(new KafkaOptions()).EnableAutoCommit, Is.True);
    }

    [TestCase(0)]
    [TestCase(300_001)]
    public void Validate_fetch_wait_out_of_range_names_the_key(int ms)
    {
        Assert.That(new KafkaOptions { FetchWaitMaxMs = ms }.Validate(false), Does.Contain("Kafka:FetchWaitMaxMs is " + ms));
    }

    [TestCase(-1)]
    [TestCase(900_001)]
    public void Validate_linger_out_of_range_names_the_key(int ms)
    {
        Assert.That(new KafkaOptions { LingerMs = ms }.Validate(false), Does.Contain("Kafka:LingerMs is " + ms));
    }

    [Test]
    public void Producer_config_carries_the_linger()
    {
        Assert.That(KafkaClientConfigs.Producer(new KafkaOptions()).LingerMs, Is.EqualTo(5));
        Assert.That(KafkaClientConfigs.Producer(new KafkaOptions { LingerMs = 0 }).LingerMs, Is.EqualTo(0));
    }

    [Test]
    public void Consumer_config_carries_the_fetch_wait()
    {
        var config = KafkaClientConfigs.Consumer(new KafkaOptions { BootstrapServers = "k:9092", FetchWaitMaxMs = 5 });

        Assert.That(config.FetchWaitMaxMs, Is.EqualTo(5));
        Assert.That(KafkaClientConfigs.Consumer(new KafkaOptions()).FetchWaitMaxMs, Is.EqualTo(500));
    }

    [TestCase(6_000, 5_999)]
    [TestCase(6_000, 86_400_001)]
    public void Validate_max_poll_interval_below_the_session_timeout_or_beyond_a_day_names_the_key(int session, int maxPoll)
    {
        var problem = new KafkaOptions { SessionTimeoutMs = session, MaxPollIntervalMs = maxPoll }.Validate(false);

        Assert.That(problem, Does.Contain("Kafka:MaxPollIntervalMs is " + maxPoll));
    }

    [Test]
    public void Consumer_config_carries_the_max_poll_interval()
    {
        Assert.That(KafkaClientConfigs.Consumer(new KafkaOptions { SessionTimeoutMs = 6_000, MaxPollIntervalMs = 7_000 }).MaxPollIntervalMs, Is.EqualTo(7_000));
        Assert.That(KafkaClientConfigs.Consumer(new KafkaOptions()).MaxPollIntervalMs, Is.EqualTo(300_000));
    }
}
