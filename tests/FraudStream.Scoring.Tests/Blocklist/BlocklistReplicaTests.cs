using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using StackExchange.Redis;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>The scoring side's in-process copy: what lookups answer as Redis changes, drops notices, trims its log.</summary>
[TestFixture]
public sealed class BlocklistReplicaTests : RedisFixture
{
    private const ulong Fraudster = 8613800000001;
    private const ulong Debtor = 8613700000002;
    private const ulong Subscriber = 8613911112222;

    private readonly List<BlocklistReplica> _replicas = [];
    private readonly List<ConnectionMultiplexer> _connections = [];

    [TearDown]
    public async Task DisposeReplicas()
    {
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
        foreach (var connection in _connections)
            connection.Dispose();
        _replicas.Clear();
        _connections.Clear();
    }

    [Test]
    public async Task Start_loads_the_labels_policies_and_prefix_rules_already_in_redis()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police, "case 117"), "cli:alice");
        await store.AddAsync(new LabelRequest(Debtor, LabelCategory.Defaulter, LabelSource.Court), "cli:alice");
        await store.SetPolicyAsync(Subscriber, blockOverseas: true, warn: null, "cli:alice");
        await store.AddPrefixAsync(new PrefixRule(88213, 5, LabelAction.Block, LabelCategory.Wangiri), "IRSF", "cli:alice");

        var replica = await StartReplicaAsync();

        Assert.That(replica.TryGetLabel(Fraudster, out var fraud), Is.True);
        Assert.That(fraud, Is.EqualTo(new LabelInfo(LabelCategory.Fraud, LabelSource.Police, LabelAction.Block, 0)));
        Assert.That(replica.TryGetLabel(Debtor, out var debtor) && debtor.Action == LabelAction.Label, Is.True);
        Assert.That(replica.TryGetLabel(Fraudster + 100, out _), Is.False);
        Assert.That(replica.GetPolicy(Subscriber), Is.EqualTo(new SubscriberPolicy(BlockOverseas: true, Warn: false)));
        Assert.That(replica.TryMatchPrefix(882130001234, 12, out var rule) && rule.Category == LabelCategory.Wangiri, Is.True);
        Assert.That(replica.Version, Is.EqualTo(4));
        Assert.That(replica.IsDegraded, Is.False);
        Assert.That(await replica.GetReasonAsync(Fraudster), Is.EqualTo("case 117"));
    }

    [Test]
    public async Task Start_loads_thousands_of_labels_across_many_scan_batches()
    {
        Options.LoadBatchSize = 100;
        var store = NewStore();
        await store.ImportAsync(Enumerable.Range(0, 5000).Select(i => new LabelRequest(Fraudster + (ulong)i, LabelCategory.Spam, LabelSource.Report)), "cli:alice");

        var replica = await StartReplicaAsync();

        Assert.That(replica.LabelCount, Is.EqualTo(5000));
        Assert.That(Enumerable.Range(0, 5000).All(i => replica.TryGetLabel(Fraudster + (ulong)i, out _)), Is.True);
    }

    [Test]
    public async Task Change_notice_is_applied_within_a_second()
    {
        Options.ResyncInterval = TimeSpan.FromMinutes(10); // only the notice can deliver the change
        var replica = await StartReplicaAsync();
        var store = NewStore();

        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Scam, LabelSource.Police), "cli:alice");

        Assert.That(await EventuallyAsync(() => replica.TryGetLabel(Fraudster, out _), TimeSpan.FromSeconds(1)), Is.True);
        await store.RemoveAsync(Fraudster, "appeal won", "cli:bob");
        Assert.That(await EventuallyAsync(() => !replica.TryGetLabel(Fraudster, out _), TimeSpan.FromSeconds(1)), Is.True);
        Assert.That(replica.Version, Is.EqualTo(2));
        Assert.That(replica.FullReloads, Is.EqualTo(1), "applied from the notices, no reload");
    }

    [Test]
    public async Task Dropped_notices_are_caught_by_the_periodic_resync()
    {
        Options.ResyncInterval = TimeSpan.FromMilliseconds(300);
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Debtor, LabelCategory.Defaulter, LabelSource.Court), "cli:alice");
        var connection = Connect();
        _connections.Add(connection);
        var replica = await StartReplicaAsync(connection);
        // Every notice to this replica is lost from here on.
        await connection.GetSubscriber().UnsubscribeAsync(new RedisChannel(Options.KeyPrefix + "changed", RedisChannel.PatternMode.Literal));

        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Scam, LabelSource.Police), "cli:alice");
        await store.SetPolicyAsync(Subscriber, blockOverseas: true, warn: true, "cli:alice");
        await store.RemoveAsync(Debtor, "debt paid", "cli:bob");

        Assert.That(await EventuallyAsync(() => replica.Version == 4, TimeSpan.FromSeconds(5)), Is.True, $"version {replica.Version}");
        Assert.That(replica.TryGetLabel(Fraudster, out _), Is.True);
        Assert.That(replica.TryGetLabel(Debtor, out _), Is.False);
        Assert.That(replica.GetPolicy(Subscriber), Is.EqualTo(new SubscriberPolicy(true, true)));
        Assert.That(replica.FullReloads, Is.EqualTo(1), "caught up from the change log, not reloaded");
    }

    [Test]
    public async Task Replica_behind_a_trimmed_change_log_reloads_in_full_and_matches_redis()
    {
        Options.ChangeLogLength = 5;
        Options.ResyncInterval = TimeSpan.FromMinutes(10);
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Debtor, LabelCategory.Defaulter, LabelSource.Court), "cli:alice");
        var connection = Connect();
        _connections.Add(connection);
        var replica = await StartReplicaAsync(connection);
        await connection.GetSubscriber().UnsubscribeAsync(new RedisChannel(Options.KeyPrefix + "changed", RedisChannel.PatternMode.Literal));

        for (var i = 0; i < 20; i++)
            await store.AddAsync(new LabelRequest(Fraudster + (ulong)i, LabelCategory.Robocall, LabelSource.Carrier), "cli:alice");
        await store.RemoveAsync(Debtor, "debt paid", "cli:bob");
        await replica.ResyncAsync();

        Assert.That(replica.FullReloads, Is.EqualTo(2));
        Assert.That(replica.Version, Is.EqualTo(22));
        Assert.That(replica.LabelCount, Is.EqualTo(20));
        Assert.That(replica.TryGetLabel(Debtor, out _), Is.False);
        Assert.That(replica.TryGetLabel(Fraudster + 19, out var last) && last.Category == LabelCategory.Robocall, Is.True);
    }

    [Test]
    public async Task Expired_label_stops_matching_at_lookup_time_and_leaves_the_replica_after_the_sweep()
    {
        Options.ResyncInterval = TimeSpan.FromMilliseconds(200);
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Wangiri, LabelSource.Auto, "one-ring burst") { ExpiresAt = Start.AddHours(1) }, "auto");
        var replica = await StartReplicaAsync();
        Assert.That(replica.TryGetLabel(Fraudster, out var before) && before.ExpiresMs == Start.AddHours(1).ToUnixTimeMilliseconds(), Is.True);

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.That(replica.TryGetLabel(Fraudster, out _), Is.False, "expired labels must not match even before Redis forgets them");
        Assert.That(await EventuallyAsync(() => replica.LabelCount == 0, TimeSpan.FromSeconds(5)), Is.True, "the sweep removes it from Redis and the replica");
        Assert.That((await store.AuditAsync(Fraudster))[0].Op, Is.EqualTo("expire"));
    }

    [Test]
    public async Task Longest_matching_prefix_wins_and_a_removed_rule_stops_matching()
    {
        var store = NewStore();
        await store.AddPrefixAsync(new PrefixRule(882, 3, LabelAction.Warn, LabelCategory.Fraud), "international networks", "cli:alice");
        await store.AddPrefixAsync(new PrefixRule(88213, 5, LabelAction.Block, LabelCategory.Wangiri), "IRSF", "cli:alice");
        var replica = await StartReplicaAsync();

        Assert.That(replica.TryMatchPrefix(882134567890, 12, out var irsf) ? irsf : default, Is.EqualTo(new PrefixRule(88213, 5, LabelAction.Block, LabelCategory.Wangiri)));
        Assert.That(replica.TryMatchPrefix(882991234567, 12, out var broad) ? broad.Digits : "", Is.EqualTo("882"));
        Assert.That(replica.TryMatchPrefix(8613800000001, 13, out _), Is.False);

        await store.RemovePrefixAsync(88213, "range reassigned", "cli:bob");

        Assert.That(await EventuallyAsync(() => replica.TryMatchPrefix(882134567890, 12, out var r) && r.Length == 3, TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public async Task Block_overseas_policy_blocks_international_callers_only()
    {
        var store = NewStore();
        await store.SetPolicyAsync(Subscriber, blockOverseas: true, warn: false, "cli:alice");
        var replica = await StartReplicaAsync();
        PhoneNumberParser.TryParse("+447700900123"u8, 86, out var london);
        PhoneNumberParser.TryParse("13800000001"u8, 86, out var beijing);

        var policy = replica.GetPolicy(Subscriber);

        Assert.That(policy.Blocks(london, 86), Is.True);
        Assert.That(policy.Blocks(beijing, 86), Is.False);
        Assert.That(replica.GetPolicy(Subscriber + 1).Blocks(london, 86), Is.False, "subscribers who did not opt in are untouched");
    }

    [Test]
    public async Task Allow_label_reaches_the_replica_with_action_allow()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(8610110, LabelCategory.Allow, LabelSource.Carrier, "police hotline"), "cli:alice");

        var replica = await StartReplicaAsync();

        Assert.That(replica.TryGetLabel(8610110, out var label), Is.True);
        Assert.That((label.Category, label.Action), Is.EqualTo((LabelCategory.Allow, LabelAction.Allow)));
    }

    [Test]
    public async Task Lookups_allocate_nothing()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Wangiri, LabelSource.Auto) { ExpiresAt = Start.AddDays(1) }, "auto");
        await store.AddPrefixAsync(new PrefixRule(88213, 5, LabelAction.Block, LabelCategory.Wangiri), "IRSF", "cli:alice");
        await store.SetPolicyAsync(Subscriber, true, true, "cli:alice");
        var replica = await StartReplicaAsync();
        var found = 0;
        for (var i = 0; i < 10; i++)
            Lookup();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
            Lookup();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(found, Is.EqualTo(10_010 * 3));

        void Lookup()
        {
            found += replica.TryGetLabel(Fraudster, out _) ? 1 : 0;
            found += replica.TryGetLabel(Debtor, out _) ? 1 : 0;
            found += replica.TryMatchPrefix(882134567890, 12, out _) ? 1 : 0;
            found += replica.GetPolicy(Subscriber).BlockOverseas ? 1 : 0;
        }
    }

    [Test]
    public void Start_without_redis_stays_empty_and_degraded()
    {
        using var nowhere = Scoring.Redis.RedisConnector.Connect(new Scoring.Redis.RedisOptions { Configuration = "127.0.0.1:1", ConnectTimeoutMs = 200 });
        var replica = new BlocklistReplica(nowhere, Options, time: Clock);
        _replicas.Add(replica);

        Assert.That(() => replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(replica.IsDegraded, Is.True);
        Assert.That(replica.IsLoaded, Is.False);
        Assert.That(replica.TryGetLabel(Fraudster, out _), Is.False);
    }

    private async Task<BlocklistReplica> StartReplicaAsync(ConnectionMultiplexer? connection = null)
    {
        var replica = new BlocklistReplica(connection ?? Redis, Options, time: Clock);
        _replicas.Add(replica);
        await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return replica;
    }
}
