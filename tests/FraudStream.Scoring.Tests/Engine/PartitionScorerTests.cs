using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Tests.Blocklist;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Engine;

/// <summary>Replica lookups, rules and the decision together, against a real redis-server.</summary>
[TestFixture]
public sealed class PartitionScorerTests : RedisFixture
{
    private string _thresholdsFile = null!;
    private ThresholdsProvider _thresholds = null!;
    private BlocklistReplica? _replica;

    [SetUp]
    public void WriteThresholds()
    {
        _thresholdsFile = Path.Combine(Path.GetTempPath(), $"fraudstream-thresholds-{Guid.NewGuid():N}.json");
        File.WriteAllText(_thresholdsFile, ThresholdsFile.Serialize(Thresholds.Default));
        _thresholds = new ThresholdsProvider(_thresholdsFile);
    }

    [TearDown]
    public async Task CleanUp()
    {
        _thresholds.Dispose();
        File.Delete(_thresholdsFile);
        if (_replica is not null)
            await _replica.DisposeAsync();
        _replica = null;
    }

    [Test]
    public async Task Labelled_caller_is_blocked_by_the_blocklist_path()
    {
        var fraudster = Home(1);
        await NewStore().AddAsync(new LabelRequest(fraudster.Value, LabelCategory.Fraud, LabelSource.Police, "case 117"), "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound);

        var decision = ScoreOne(scorer, Call(fraudster, Home(2), Noon));

        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Block));
        Assert.That(decision.Has(FraudKind.Blocklisted), Is.True);
        Assert.That(decision.Degraded, Is.False);
    }

    [Test]
    public async Task Caller_labelled_as_a_bombing_pool_number_carries_the_flood_mark_and_is_not_a_harasser()
    {
        var poolNumber = Home(1);
        var contact = Home(2);
        await NewStore().AddAsync(new LabelRequest(poolNumber.Value, LabelCategory.Bombing, LabelSource.Auto, "auto: call_bombing"), "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound);

        var decisions = new Decision[8];
        var events = Enumerable.Range(0, 8).Select(i => Call(poolNumber, contact, Noon.AddMinutes(i), answered: false, ring: 3)).ToArray();
        scorer.Score(events, decisions);

        Assert.That(scorer.CallerFloodMark(events[^1]), Is.EqualTo(events[^1].StartTimeMs), "its re-keyed records tell the callee stage it floods someone");
        Assert.That(decisions[^1].Has(FraudKind.Blocklisted), Is.True);
        Assert.That(decisions[^1].Action, Is.EqualTo(DecisionAction.Warn), "a bombing label warns by default");
        Assert.That(decisions.Any(d => d.Has(FraudKind.Harassment)), Is.False, "eight unanswered calls to one number, but it is bombing");
    }

    [Test]
    public async Task Caller_labelled_for_harassment_carries_no_flood_mark()
    {
        var stalker = Home(3);
        await NewStore().AddAsync(new LabelRequest(stalker.Value, LabelCategory.Harassment, LabelSource.Report, "reported"), "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound);

        var e = Call(stalker, Home(4), Noon, answered: false);
        var decision = ScoreOne(scorer, e);

        Assert.That(decision.Has(FraudKind.Blocklisted), Is.True);
        Assert.That(scorer.CallerFloodMark(e), Is.Zero, "the people a harasser calls are not call-bombing victims");
    }

    [Test]
    public async Task Allow_label_wins_over_a_wangiri_pattern()
    {
        var hotline = Number("+4420794600001");
        await NewStore().AddAsync(new LabelRequest(hotline.Value, LabelCategory.Allow, LabelSource.Carrier, "embassy"), "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound);

        var decisions = new Decision[40];
        var events = Enumerable.Range(0, 40).Select(i => Call(hotline, Home(100 + i), Noon.AddSeconds(i), answered: false, ring: 2)).ToArray();
        scorer.Score(events, decisions);

        Assert.That(decisions[^1].Has(FraudKind.Wangiri), Is.True, "the rule still fires and is kept as a reason");
        Assert.That(decisions[^1].Action, Is.EqualTo(DecisionAction.Allow));
    }

    [Test]
    public async Task Overseas_policy_blocks_foreign_callers_of_the_subscriber_only()
    {
        var subscriber = Home(7);
        await NewStore().SetPolicyAsync(subscriber.Value, blockOverseas: true, warn: null, "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound);

        var fromAbroad = ScoreOne(scorer, Call(Number("+447700900123"), subscriber, Noon));
        var fromHome = ScoreOne(scorer, Call(Home(8), subscriber, Noon));
        var abroadToOther = ScoreOne(scorer, Call(Number("+447700900124"), Home(9), Noon));

        Assert.That(fromAbroad.Has(FraudKind.OverseasBlocked), Is.True);
        Assert.That(fromAbroad.Action, Is.EqualTo(DecisionAction.Block));
        Assert.That(fromHome.IsEmpty, Is.True);
        Assert.That(abroadToOther.Has(FraudKind.OverseasBlocked), Is.False);
    }

    [Test]
    public async Task Call_into_a_premium_range_is_an_irsf_detection_for_the_caller()
    {
        await NewStore().AddPrefixAsync(new PrefixRule(88213, 5, LabelAction.Block, LabelCategory.Fraud), "premium range", "test");
        var scorer = new PartitionScorer(await ServicesAsync(), Side.Outbound);

        var decision = ScoreOne(scorer, Call(Home(3), Number("+88213000555"), Noon));

        Assert.That(decision.Has(FraudKind.Irsf), Is.True);
        Assert.That(decision.Detections[0].Number, Is.EqualTo(Home(3)));
        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Block));
    }

    [Test]
    public void Without_a_replica_rules_still_decide_and_every_decision_is_degraded()
    {
        var scorer = new PartitionScorer(new ScoringServices(null, _thresholds, null, new FeatureOptions()), Side.Outbound);
        var wangiri = Number("+88213000777");

        var decisions = new Decision[40];
        scorer.Score(Enumerable.Range(0, 40).Select(i => Call(wangiri, Home(200 + i), Noon.AddSeconds(i), answered: false, ring: 2)).ToArray(), decisions);

        Assert.That(decisions, Has.All.Matches<Decision>(d => d.Degraded));
        Assert.That(decisions[^1].Has(FraudKind.Wangiri), Is.True);
    }

    private async Task<ScoringServices> ServicesAsync()
    {
        _replica = new BlocklistReplica(Redis, Options, time: Clock);
        await _replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return new ScoringServices(_replica, _thresholds, null, new FeatureOptions());
    }

    private static Decision ScoreOne(PartitionScorer scorer, CallEvent e)
    {
        var decisions = new Decision[1];
        scorer.Score([e], decisions);
        return decisions[0];
    }
}
