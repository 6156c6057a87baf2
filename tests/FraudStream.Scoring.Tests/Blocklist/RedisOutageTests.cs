using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>redis-server killed under a running replica (SIGKILL, then restarted on the same port).</summary>
public abstract class RedisOutageFixture : RedisFixture
{
    protected const ulong BeforeOutage = 8613800000001;
    protected const ulong AfterOutage = 8613800000002;

    protected static readonly TimeSpan Recovery = TimeSpan.FromSeconds(20);

    [SetUp]
    public void FastResync()
    {
        Options.ResyncInterval = TimeSpan.FromMilliseconds(200);
        Options.CircuitBreakDuration = TimeSpan.FromMilliseconds(500);
        Options.OperationTimeout = TimeSpan.FromMilliseconds(500);
    }

    /// <summary>Writes through <paramref name="store"/> until the restarted server accepts the change.</summary>
    protected static async Task AddWhenBackAsync(LabelStore store, LabelRequest request)
    {
        var deadline = DateTime.UtcNow + Recovery;
        while (true)
        {
            try
            {
                await store.AddAsync(request, "cli:alice");
                return;
            }
            catch (Exception e) when (BlocklistResilience.IsRedisUnavailable(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}

[TestFixture]
public sealed class RedisOutageTests : RedisOutageFixture
{
    protected override bool Persistent => true;

    [Test]
    public async Task Replica_keeps_answering_while_redis_is_down_and_catches_up_after_the_restart()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(BeforeOutage, LabelCategory.Fraud, LabelSource.Police), "cli:alice");
        using var connection = Connect();
        await using var replica = new BlocklistReplica(connection, Options, time: Clock);
        await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Server.Kill();

        Assert.That(await EventuallyAsync(() => replica.IsDegraded, TimeSpan.FromSeconds(5)), Is.True, "degraded once Redis is gone");
        Assert.That(replica.TryGetLabel(BeforeOutage, out var label) && label.Action == LabelAction.Block, Is.True, "still serving the last state");

        Server.Restart();
        await AddWhenBackAsync(store, new LabelRequest(AfterOutage, LabelCategory.Scam, LabelSource.Police));

        Assert.That(await EventuallyAsync(() => replica.TryGetLabel(AfterOutage, out _) && !replica.IsDegraded, Recovery), Is.True,
            $"change after the restart picked up (degraded {replica.IsDegraded}, version {replica.Version})");
        Assert.That(replica.TryGetLabel(BeforeOutage, out _), Is.True);
        Assert.That(replica.Version, Is.EqualTo(2));
        Assert.That(replica.FullReloads, Is.EqualTo(1), "Redis kept its data (AOF), so the change log was enough");
    }

    // What the replica relies on from StackExchange.Redis 3.x across a reconnect: the connection-failed event, the
    // connection-restored event (which wakes a sync), and the subscription made again by the multiplexer on its new
    // subscription connection. With the periodic resync ten minutes away, only these deliver the changes.
    [Test]
    public async Task After_a_restart_the_reconnect_wakes_a_sync_and_change_notices_arrive_again()
    {
        Options.ResyncInterval = TimeSpan.FromMinutes(10);
        var store = NewStore();
        await store.AddAsync(new LabelRequest(BeforeOutage, LabelCategory.Fraud, LabelSource.Police), "cli:alice");
        using var connection = Connect();
        await using var replica = new BlocklistReplica(connection, Options, time: Clock);
        await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Server.Kill();
        Assert.That(await EventuallyAsync(() => replica.IsDegraded, TimeSpan.FromSeconds(5)), Is.True, "the connection-failed event marks the replica degraded");
        Server.Restart();
        Assert.That(await EventuallyAsync(() => !replica.IsDegraded, Recovery), Is.True, "the connection-restored event wakes a sync that finds Redis whole");
        // The subscription has a connection of its own, which may come back after the interactive one: wait for the server
        // to count the replica's subscription again before the change, or its notice could precede it.
        Assert.That(await EventuallyAsync(() => Subscribers(new BlocklistKeys(Options.KeyPrefix).Channel) == 1, Recovery), Is.True,
            "the multiplexer subscribes to the change channel again on its own");

        await AddWhenBackAsync(store, new LabelRequest(AfterOutage, LabelCategory.Scam, LabelSource.Police));
        Assert.That(await EventuallyAsync(() => replica.TryGetLabel(AfterOutage, out _), TimeSpan.FromSeconds(10)), Is.True,
            $"the change notice reaches the replica on the new connection (version {replica.Version})");
        Assert.That(replica.FullReloads, Is.EqualTo(1));
    }

    // StackExchange.Redis 3.x registers a handler before it sends SUBSCRIBE and keeps it when that fails (with FailFast it
    // fails at once while Redis is down); the multiplexer subscribes every registered channel on each connect by itself.
    [Test]
    public async Task Replica_started_while_redis_is_down_registers_its_notice_handler_once()
    {
        const int DegradedEvent = 2103; // logged at each failed attempt to load, one per pass of the sync task
        Server.Kill();
        var log = new EventCounter();
        using var connection = Connect();
        var replica = new BlocklistReplica(connection, Options, log, Clock);
        try
        {
            var started = replica.StartAsync();
            Assert.That(await EventuallyAsync(() => log[DegradedEvent] >= 3, Recovery), Is.True, "three passes of the sync task failed while Redis was down");

            Server.Restart();
            await started.WaitAsync(Recovery);
            Assert.That(await EventuallyAsync(() => Subscribers(new BlocklistKeys(Options.KeyPrefix).Channel) == 1, Recovery), Is.True,
                "the multiplexer subscribed the change channel on connecting, though the replica's own SUBSCRIBE had failed");
        }
        finally
        {
            await replica.DisposeAsync();
        }

        Assert.That(await EventuallyAsync(() => Subscribers(new BlocklistKeys(Options.KeyPrefix).Channel) == 0, Recovery), Is.True,
            "disposing the replica removes its one handler, so the multiplexer unsubscribes from the change channel");
    }

    private long Subscribers(StackExchange.Redis.RedisChannel channel)
    {
        try
        {
            return Redis.GetServer(Server.Configuration).SubscriptionSubscriberCount(channel);
        }
        catch (StackExchange.Redis.RedisException)
        {
            return -1; // the fixture's own connection is not back yet
        }
    }
}

[TestFixture]
public sealed class RedisDataLossTests : RedisOutageFixture
{
    [Test]
    public async Task Redis_restarted_without_its_data_makes_the_replica_reload_in_full()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(BeforeOutage, LabelCategory.Fraud, LabelSource.Police), "cli:alice");
        await store.AddAsync(new LabelRequest(BeforeOutage + 10, LabelCategory.Fraud, LabelSource.Police), "cli:alice");
        using var connection = Connect();
        await using var replica = new BlocklistReplica(connection, Options, time: Clock);
        await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Server.Restart(); // no persistence: the new server is empty
        await AddWhenBackAsync(new LabelStore(Redis, Options, Clock), new LabelRequest(AfterOutage, LabelCategory.Scam, LabelSource.Police));

        Assert.That(await EventuallyAsync(() => replica.TryGetLabel(AfterOutage, out _) && !replica.IsDegraded, Recovery), Is.True,
            $"change after the restart picked up (degraded {replica.IsDegraded}, version {replica.Version})");
        Assert.That(replica.TryGetLabel(BeforeOutage, out _), Is.False, "Redis is the source of truth: what it lost, the replica drops");
        Assert.That(replica.Version, Is.EqualTo(1));
        Assert.That(replica.FullReloads, Is.EqualTo(2), "the first load and one after the restart");
    }
}
