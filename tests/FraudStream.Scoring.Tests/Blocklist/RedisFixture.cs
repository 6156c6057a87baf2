using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;
using StackExchange.Redis;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>A private redis-server per fixture; each test gets its own key prefix, so tests never see each other's labels.</summary>
public abstract class RedisFixture
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    protected PrivateRedisServer Server { get; private set; } = null!;

    protected ConnectionMultiplexer Redis { get; private set; } = null!;

    protected BlocklistOptions Options { get; private set; } = null!;

    protected ManualClock Clock { get; private set; } = null!;

    /// <summary>Whether the server keeps an append-only file across <see cref="PrivateRedisServer.Restart"/>.</summary>
    protected virtual bool Persistent => false;

    [OneTimeSetUp]
    public void StartRedis()
    {
        Server = PrivateRedisServer.Start(Persistent);
        Redis = Connect();
    }

    [OneTimeTearDown]
    public void StopRedis()
    {
        Redis.Dispose();
        Server.Dispose();
    }

    [SetUp]
    public void NewKeyPrefix()
    {
        Options = new BlocklistOptions
        {
            KeyPrefix = $"t{Guid.NewGuid():N}:",
            ResyncInterval = TimeSpan.FromSeconds(5),
            CircuitBreakDuration = TimeSpan.FromMilliseconds(500),
            OperationTimeout = TimeSpan.FromSeconds(1),
        };
        Clock = new ManualClock(Start);
    }

    // The tests' own synchronous checks wait up to 10 s, not StackExchange.Redis's default (1 s in 1.2.6, 5 s in 3.x): CI runs five test processes,
    // their redis-servers and embedded brokers on two cores, and once an EXISTS took longer than 1 s there. What the
    // code under test waits is its own setting (Options.OperationTimeout).
    protected ConnectionMultiplexer Connect() => RedisConnector.Connect(new RedisOptions { Configuration = Server.Configuration + ",syncTimeout=10000" });

    protected LabelStore NewStore() => new(Redis, Options, Clock);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    protected static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            await Task.Delay(20);
        }

        return condition();
    }
}
