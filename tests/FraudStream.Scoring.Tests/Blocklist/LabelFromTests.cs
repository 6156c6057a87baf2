using FraudStream.Scoring.Blocklist;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>The event time an auto label acts after, through Redis, the change log and the replica; older labels read as before.</summary>
[TestFixture]
public sealed class LabelFromTests : RedisFixture
{
    private const ulong Number = 8613900000042;
    private static readonly DateTimeOffset s_from = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly List<BlocklistReplica> _replicas = [];

    [TearDown]
    public async Task DisposeReplicas()
    {
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
        _replicas.Clear();
    }

    [Test]
    public async Task Auto_label_reaches_a_running_replica_and_a_fresh_load_with_its_event_time()
    {
        Options.ResyncInterval = TimeSpan.FromMinutes(10); // the running replica learns it from the notice
        var running = await StartReplicaAsync();

        await NewStore().AddAsync(AutoLabel(), "fraudstream-auto");

        Assert.That(await EventuallyAsync(() => running.TryGetLabel(Number, out _), TimeSpan.FromSeconds(2)), Is.True);
        Assert.That(running.TryGetLabel(Number, out var noticed) ? noticed.FromMs : -1, Is.EqualTo(s_from.ToUnixTimeMilliseconds()));
        var loaded = await StartReplicaAsync();
        Assert.That(loaded.TryGetLabel(Number, out var scanned) ? scanned.FromMs : -1, Is.EqualTo(s_from.ToUnixTimeMilliseconds()));
        Assert.That((await NewStore().GetAsync(Number))!.FromMs, Is.EqualTo(s_from.ToUnixTimeMilliseconds()));
        Assert.That((await NewStore().ListAsync()).Single().FromMs, Is.EqualTo(s_from.ToUnixTimeMilliseconds()));
        Assert.That(scanned.ActsOn(s_from.ToUnixTimeMilliseconds()), Is.False);
        Assert.That(scanned.ActsOn(s_from.ToUnixTimeMilliseconds() + 1), Is.True);
    }

    [Test]
    public async Task Relabelling_without_an_event_time_acts_at_once_again()
    {
        var replica = await StartReplicaAsync();
        await NewStore().AddAsync(AutoLabel(), "fraudstream-auto");
        await NewStore().AddAsync(new LabelRequest(Number, LabelCategory.Wangiri, LabelSource.Auto, "old writer"), "fraudstream-auto");

        Assert.That(await EventuallyAsync(() => replica.Version == 2, TimeSpan.FromSeconds(2)), Is.True);
        Assert.That(replica.TryGetLabel(Number, out var label) ? label.FromMs : -1, Is.Zero);
    }

    [Test]
    public void Only_auto_labels_take_an_event_time()
    {
        var manual = new LabelRequest(Number, LabelCategory.Fraud, LabelSource.Police, "case") { From = s_from };

        Assert.That(() => NewStore().AddAsync(manual, "cli:alice"), Throws.ArgumentException);
    }

    [TestCase("7|L|8613900000042|wangiri|auto|block|1772452800000", 0L)]
    [TestCase("7|L|8613900000042|wangiri|auto|block|1772452800000|1772409600000", 1772409600000L)]
    public void Change_entries_with_and_without_the_event_time_both_read(string text, long from)
    {
        Assert.That(ChangeEntry.TryParse(text, out var entry), Is.True);
        Assert.That(entry.Label, Is.EqualTo(new LabelInfo(LabelCategory.Wangiri, LabelSource.Auto, LabelAction.Block, 1772452800000, from)));
    }

    [Test]
    public void A_change_entry_with_more_fields_than_known_is_not_read()
    {
        Assert.That(ChangeEntry.TryParse("7|L|8613900000042|wangiri|auto|block|0|1|2", out _), Is.False);
    }

    private LabelRequest AutoLabel() => new(Number, LabelCategory.Wangiri, LabelSource.Auto, "auto: wangiri score 0.97")
    {
        ExpiresAt = Clock.GetUtcNow().AddHours(24),
        From = s_from,
    };

    private async Task<BlocklistReplica> StartReplicaAsync()
    {
        var replica = new BlocklistReplica(Redis, Options, time: Clock);
        _replicas.Add(replica);
        await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return replica;
    }
}
