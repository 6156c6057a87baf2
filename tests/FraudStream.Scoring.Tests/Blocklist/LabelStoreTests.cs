using FraudStream.Scoring.Blocklist;
using StackExchange.Redis;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>The write side against a real redis-server: what Redis holds after each change, and the audit trail.</summary>
[TestFixture]
public sealed class LabelStoreTests : RedisFixture
{
    private const ulong Fraudster = 8613800000001;
    private const ulong Debtor = 8613700000002;
    private const ulong Emergency = 86110;
    private const ulong Unlabelled = 8613999999999;

    [Test]
    public async Task Add_then_get_returns_the_label_with_its_category_default_action()
    {
        var store = NewStore();

        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police, "case 2026-117"), "cli:alice");
        await store.AddAsync(new LabelRequest(Debtor, LabelCategory.Defaulter, LabelSource.Court, "court list 12"), "cli:alice");

        var fraud = await store.GetAsync(Fraudster);
        Assert.That(fraud, Is.EqualTo(new LabelRecord(Fraudster, LabelCategory.Fraud, LabelSource.Police, LabelAction.Block, "case 2026-117", Start.ToUnixTimeMilliseconds(), 0, "cli:alice")));
        Assert.That((await store.GetAsync(Debtor))!.Action, Is.EqualTo(LabelAction.Label));
        Assert.That(await store.GetAsync(Unlabelled), Is.Null);
    }

    [Test]
    public async Task Add_with_an_action_override_keeps_the_override()
    {
        var store = NewStore();

        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Spam, LabelSource.Carrier) { Action = LabelAction.Block }, "cli:alice");

        Assert.That((await store.GetAsync(Fraudster))!.Action, Is.EqualTo(LabelAction.Block));
    }

    [Test]
    public async Task Allow_label_is_stored_with_action_allow_and_cannot_be_given_another_action()
    {
        var store = NewStore();

        await store.AddAsync(new LabelRequest(Emergency * 100000, LabelCategory.Allow, LabelSource.Carrier, "emergency line"), "cli:alice");

        Assert.That((await store.GetAsync(Emergency * 100000))!.Action, Is.EqualTo(LabelAction.Allow));
        Assert.That(Redis.GetDatabase().HashGet(Options.KeyPrefix + "label:" + (Emergency * 100000), "act").ToString(), Is.EqualTo("allow"));
        Assert.That(
            () => store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Allow, LabelSource.Carrier) { Action = LabelAction.Block }, "cli:alice"),
            Throws.ArgumentException.With.Message.Contains("category allow always has action allow"));
        Assert.That(
            () => store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police) { Action = LabelAction.Allow }, "cli:alice"),
            Throws.ArgumentException.With.Message.Contains("action allow belongs to category allow"));
    }

    [Test]
    public async Task Remove_deletes_the_label_and_the_audit_keeps_both_reasons()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Debtor, LabelCategory.Defaulter, LabelSource.Court, "court list 12"), "cli:alice");
        Clock.Advance(TimeSpan.FromDays(30));

        var removed = await store.RemoveAsync(Debtor, "debt paid", "cli:bob");

        Assert.That(removed, Is.True);
        Assert.That(await store.GetAsync(Debtor), Is.Null);
        Assert.That(Redis.GetDatabase().KeyExists(Options.KeyPrefix + "label:" + Debtor), Is.False);
        var audit = await store.AuditAsync(Debtor);
        Assert.That(audit.Select(a => (a.Op, a.Reason, a.Actor, a.Category, a.Source)), Is.EqualTo(new[]
        {
            ("remove", "debt paid", "cli:bob", "defaulter", "court"),
            ("add", "court list 12", "cli:alice", "defaulter", "court"),
        }));
        Assert.That(audit[0].TimeMs - audit[1].TimeMs, Is.EqualTo((long)TimeSpan.FromDays(30).TotalMilliseconds));
    }

    [Test]
    public async Task Remove_of_an_unlabelled_number_returns_false_and_changes_nothing()
    {
        var store = NewStore();

        var removed = await store.RemoveAsync(Unlabelled, "mistake", "cli:bob");

        Assert.That(removed, Is.False);
        Assert.That(await store.AuditAsync(), Is.Empty);
        Assert.That((await store.ReadStateAsync(default)).Version, Is.Zero);
    }

    [Test]
    public async Task Relabelling_a_number_replaces_the_label_and_is_audited_as_an_update()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Spam, LabelSource.Report, "3 reports"), "cli:alice");

        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Scam, LabelSource.Police, "confirmed"), "cli:bob");

        Assert.That((await store.GetAsync(Fraudster))!.Category, Is.EqualTo(LabelCategory.Scam));
        Assert.That((await store.AuditAsync(Fraudster)).Select(a => a.Op), Is.EqualTo(new[] { "update", "add" }));
    }

    [Test]
    public async Task Expired_label_is_gone_from_get_and_list_before_any_sweep()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Wangiri, LabelSource.Auto, "wangiri detector") { ExpiresAt = Start.AddHours(1) }, "auto");

        Assert.That((await store.GetAsync(Fraudster))!.ExpiresMs, Is.EqualTo(Start.AddHours(1).ToUnixTimeMilliseconds()));
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.That(await store.GetAsync(Fraudster), Is.Null);
        Assert.That(await store.ListAsync(), Is.Empty);
    }

    [Test]
    public async Task Sweep_removes_only_expired_labels_from_redis_with_an_expire_audit_entry()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Wangiri, LabelSource.Auto) { ExpiresAt = Start.AddHours(1) }, "auto");
        await store.AddAsync(new LabelRequest(Debtor, LabelCategory.Wangiri, LabelSource.Auto) { ExpiresAt = Start.AddHours(3) }, "auto");
        Clock.Advance(TimeSpan.FromHours(2));

        var swept = await store.SweepExpiredAsync();

        Assert.That(swept, Is.EqualTo(1));
        Assert.That(Redis.GetDatabase().KeyExists(Options.KeyPrefix + "label:" + Fraudster), Is.False);
        Assert.That(await store.GetAsync(Debtor), Is.Not.Null);
        var audit = await store.AuditAsync(Fraudster);
        Assert.That(audit[0].Op, Is.EqualTo("expire"));
        Assert.That(audit[0].Category, Is.EqualTo("wangiri"));
        Assert.That(await store.SweepExpiredAsync(), Is.Zero);
    }

    [Test]
    public async Task Relabelling_without_expiry_keeps_the_label_past_the_old_expiry()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Wangiri, LabelSource.Auto) { ExpiresAt = Start.AddHours(1) }, "auto");
        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police), "cli:alice");
        Clock.Advance(TimeSpan.FromHours(2));

        Assert.That(await store.SweepExpiredAsync(), Is.Zero);
        Assert.That((await store.GetAsync(Fraudster))!.Category, Is.EqualTo(LabelCategory.Fraud));
    }

    [Test]
    public void Expiry_in_the_past_is_refused()
    {
        var store = NewStore();

        Assert.That(
            () => store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police) { ExpiresAt = Start.AddSeconds(-1) }, "cli:alice"),
            Throws.ArgumentException.With.Message.Contains("not in the future"));
    }

    [Test]
    public async Task Each_change_bumps_the_version_once_logs_it_and_publishes_one_notice()
    {
        var store = NewStore();
        var notices = new List<string>();
        var channel = new RedisChannel(Options.KeyPrefix + "changed", RedisChannel.PatternMode.Literal);
        using var listener = Connect();
        await listener.GetSubscriber().SubscribeAsync(channel, (_, m) => { lock (notices) notices.Add(m!); });

        await store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police), "cli:alice");
        await store.RemoveAsync(Fraudster, "appeal won", "cli:bob");

        var (epoch, version) = await store.ReadStateAsync(default);
        Assert.That(version, Is.EqualTo(2));
        Assert.That(epoch, Is.Not.Empty);
        var log = Redis.GetDatabase().SortedSetRangeByScore(Options.KeyPrefix + "changes").Select(v => v.ToString());
        Assert.That(log, Is.EqualTo(new[] { $"1|L|{Fraudster}|fraud|police|block|0", $"2|R|{Fraudster}" }));
        Assert.That(await EventuallyAsync(() => { lock (notices) return notices.Count == 2; }, TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(notices, Is.EqualTo(new[] { $"{epoch} 1|L|{Fraudster}|fraud|police|block|0", $"{epoch} 2|R|{Fraudster}" }));
    }

    [Test]
    public async Task Change_log_keeps_only_its_configured_length()
    {
        Options.ChangeLogLength = 5;
        var store = NewStore();

        for (var i = 0; i < 12; i++)
            await store.AddAsync(new LabelRequest(Fraudster + (ulong)i, LabelCategory.Spam, LabelSource.Report), "cli:alice");

        var scores = Redis.GetDatabase().SortedSetRangeByScoreWithScores(Options.KeyPrefix + "changes").Select(e => e.Score);
        Assert.That(scores, Is.EqualTo(new double[] { 8, 9, 10, 11, 12 }));
    }

    [Test]
    public async Task List_filters_by_category_orders_by_number_and_stops_at_the_limit()
    {
        var store = NewStore();
        for (var i = 0; i < 30; i++)
            await store.AddAsync(new LabelRequest(Fraudster + (ulong)(29 - i), i % 3 == 0 ? LabelCategory.Scam : LabelCategory.Spam, LabelSource.Report), "cli:alice");

        var scams = await store.ListAsync(LabelCategory.Scam);
        var firstFive = await store.ListAsync(limit: 5);

        Assert.That(scams, Has.Count.EqualTo(10));
        Assert.That(scams.Select(l => l.Category), Is.All.EqualTo(LabelCategory.Scam));
        Assert.That(scams.Select(l => l.Number), Is.Ordered);
        Assert.That(firstFive, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Import_writes_every_label_each_as_its_own_change()
    {
        var store = NewStore();
        var requests = Enumerable.Range(0, 1200).Select(i => new LabelRequest(Fraudster + (ulong)i, LabelCategory.Robocall, LabelSource.Carrier, "batch 7"));

        var written = await store.ImportAsync(requests, "cli:alice");

        Assert.That(written, Is.EqualTo(1200));
        Assert.That((await store.ListAsync(limit: 5000)).Count, Is.EqualTo(1200));
        Assert.That((await store.ReadStateAsync(default)).Version, Is.EqualTo(1200));
        Assert.That(await store.AuditAsync(limit: 5000), Has.Count.EqualTo(1200));
    }

    [Test]
    public async Task Policy_set_changes_only_the_options_given_and_all_off_removes_it()
    {
        var store = NewStore();

        var first = await store.SetPolicyAsync(Debtor, blockOverseas: true, warn: null, "cli:alice");
        var second = await store.SetPolicyAsync(Debtor, blockOverseas: null, warn: true, "cli:alice");
        var read = await store.GetPolicyAsync(Debtor);
        var off = await store.SetPolicyAsync(Debtor, blockOverseas: false, warn: false, "cli:alice");

        Assert.That(first, Is.EqualTo(new SubscriberPolicy(BlockOverseas: true, Warn: false)));
        Assert.That(second, Is.EqualTo(new SubscriberPolicy(BlockOverseas: true, Warn: true)));
        Assert.That(read, Is.EqualTo(second));
        Assert.That(off, Is.EqualTo(SubscriberPolicy.None));
        Assert.That(Redis.GetDatabase().KeyExists(Options.KeyPrefix + "policy:" + Debtor), Is.False);
        Assert.That((await store.AuditAsync(Debtor))[0].Reason, Is.EqualTo("block-overseas=off warn=off"));
    }

    [Test]
    public async Task Prefix_rules_are_listed_with_their_reason_and_removed_exactly()
    {
        var store = NewStore();
        await store.AddPrefixAsync(new PrefixRule(882, 3, LabelAction.Warn, LabelCategory.Fraud), "international networks", "cli:alice");
        await store.AddPrefixAsync(new PrefixRule(88213, 5, LabelAction.Block, LabelCategory.Wangiri), "IRSF range", "cli:alice");

        var listed = await store.ListPrefixesAsync();
        var removedShort = await store.RemovePrefixAsync(882, "too broad", "cli:bob");
        var removedMissing = await store.RemovePrefixAsync(8821, "typo", "cli:bob");

        Assert.That(listed.Select(r => (r.Rule.Digits, r.Rule.Action, r.Reason)), Is.EqualTo(new[]
        {
            ("882", LabelAction.Warn, "international networks"),
            ("88213", LabelAction.Block, "IRSF range"),
        }));
        Assert.That(removedShort, Is.True);
        Assert.That(removedMissing, Is.False);
        Assert.That((await store.ListPrefixesAsync()).Select(r => r.Rule.Digits), Is.EqualTo(new[] { "88213" }));
        Assert.That((await store.AuditAsync()).Select(a => a.Op).Take(3), Is.EqualTo(new[] { "prefix-remove", "prefix-add", "prefix-add" }));
    }

    [Test]
    public async Task Unreachable_redis_fails_fast_with_a_connection_error()
    {
        using var nowhere = Scoring.Redis.RedisConnector.Connect(new Scoring.Redis.RedisOptions { Configuration = "127.0.0.1:1", ConnectTimeoutMs = 200 });
        var store = new LabelStore(nowhere, Options, Clock);

        var failure = Assert.CatchAsync(() => store.AddAsync(new LabelRequest(Fraudster, LabelCategory.Fraud, LabelSource.Police), "cli:alice"));

        Assert.That(BlocklistResilience.IsRedisUnavailable(failure!), Is.True, failure!.ToString());
    }
}
