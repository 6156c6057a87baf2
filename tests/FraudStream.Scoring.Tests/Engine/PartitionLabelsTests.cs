using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Tests.Blocklist;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Engine;

/// <summary>
/// The closed loop inside the partition that detects a number: its very next record there is blocklisted, whatever
/// the replica knows yet; and a label read back from Redis acts only after the event time it carries.
/// </summary>
[TestFixture]
public sealed class PartitionLabelsTests : RedisFixture
{
    // Any wangiri detection is confident: the test is about when the label acts, not about scores.
    private static readonly AutoLabelPolicy s_policy = new([new(FraudKind.Wangiri, 0)], TimeSpan.FromHours(1));

    private readonly ThresholdsProvider _thresholds = ThresholdsProvider.Fixed(Thresholds.Default);
    private BlocklistReplica? _replica;

    [OneTimeTearDown]
    public void DisposeThresholds() => _thresholds.Dispose();

    [TearDown]
    public async Task CleanUp()
    {
        if (_replica is not null)
            await _replica.DisposeAsync();
        _replica = null;
    }

    [Test]
    public async Task Detected_caller_is_blocklisted_from_its_very_next_record_though_the_replica_has_no_label()
    {
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound) { AutoLabels = s_policy };

        var decisions = Score(scorer, WangiriCalls(), 40);

        var first = Array.FindIndex(decisions, d => d.Has(FraudKind.Wangiri));
        Assert.That(first, Is.GreaterThan(0), "the rule fires within the batch");
        Assert.That(decisions.Take(first + 1).Any(d => d.Has(FraudKind.Blocklisted)), Is.False, "not before the detection, nor on it");
        Assert.That(decisions.Skip(first + 1), Has.All.Matches<Decision>(d => d.Has(FraudKind.Blocklisted) && d.Action == DecisionAction.Block));
        Assert.That(_replica!.LabelCount, Is.Zero, "nothing came from Redis");
        Assert.That(scorer.TryGetAutoLabelFrom(WangiriNumber.Value, out var from), Is.True);
        Assert.That(from, Is.EqualTo(WangiriCalls()[first].StartTimeMs), "the label acts after the event time the partition had reached");
    }

    [Test]
    public async Task How_the_records_are_batched_does_not_change_which_ones_the_label_blocks()
    {
        var services = await ServicesAsync();
        var whole = Score(new PartitionScorer(services, Side.Outbound) { AutoLabels = s_policy }, WangiriCalls(), 40);

        foreach (var size in new[] { 1, 3, 7 })
        {
            // A fresh scorer and pair tables: the same records as new.
            var fresh = new ScoringServices(services.Blocklist, _thresholds, null, new FeatureOptions());
            var sliced = Score(new PartitionScorer(fresh, Side.Outbound) { AutoLabels = s_policy }, WangiriCalls(), size);
            Assert.That(Blocked(sliced), Is.EqualTo(Blocked(whole)), $"batches of {size}");
        }
    }

    [Test]
    public async Task Without_the_policy_the_partition_keeps_no_labels_of_its_own()
    {
        var decisions = Score(new PartitionScorer(await ServicesAsync(), Side.Outbound), WangiriCalls(), 40);

        Assert.That(decisions.Any(d => d.Has(FraudKind.Wangiri)), Is.True);
        Assert.That(decisions.Any(d => d.Has(FraudKind.Blocklisted)), Is.False);
    }

    [Test]
    public async Task Auto_label_from_redis_acts_only_on_records_after_its_event_time_as_in_a_replay()
    {
        var calls = WangiriCalls();
        var from = calls[19].StartTimeMs;
        await NewStore().AddAsync(new LabelRequest(WangiriNumber.Value, LabelCategory.Wangiri, LabelSource.Auto, "auto: earlier run")
        {
            ExpiresAt = Clock.GetUtcNow().AddHours(1),
            From = DateTimeOffset.FromUnixTimeMilliseconds(from),
        }, "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound, Clock);

        var decisions = Score(scorer, calls, 40);

        Assert.That(decisions.Take(20).Any(d => d.Has(FraudKind.Blocklisted)), Is.False, "up to the detecting record: as in the first run");
        Assert.That(decisions.Skip(20), Has.All.Matches<Decision>(d => d.Has(FraudKind.Blocklisted)));
    }

    [Test]
    public async Task Label_set_by_people_acts_at_once()
    {
        await NewStore().AddAsync(new LabelRequest(WangiriNumber.Value, LabelCategory.Wangiri, LabelSource.Carrier, "fraud team"), "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound) { AutoLabels = s_policy };

        var decisions = Score(scorer, WangiriCalls(), 40);

        Assert.That(decisions, Has.All.Matches<Decision>(d => d.Has(FraudKind.Blocklisted)));
    }

    private static readonly PhoneNumber WangiriNumber = Number("+88213000777");

    private static CallEvent[] WangiriCalls()
        => [.. Enumerable.Range(0, 40).Select(i => Call(WangiriNumber, Home(300 + i), Noon.AddSeconds(10 * i), answered: false, ring: 2))];

    private static string Blocked(Decision[] decisions) => string.Concat(decisions.Select(d => d.Has(FraudKind.Blocklisted) ? 'B' : '.'));

    private static Decision[] Score(PartitionScorer scorer, CallEvent[] events, int batch)
    {
        var decisions = new Decision[events.Length];
        for (var start = 0; start < events.Length; start += batch)
        {
            var count = Math.Min(batch, events.Length - start);
            scorer.Score(events.AsSpan(start, count), decisions.AsSpan(start, count));
        }

        return decisions;
    }

    private async Task<ScoringServices> ServicesAsync()
    {
        _replica = new BlocklistReplica(Redis, Options, time: Clock);
        await _replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return new ScoringServices(_replica, _thresholds, null, new FeatureOptions());
    }
}
