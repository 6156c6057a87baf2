using FraudStream.Ingest.Cdr;
using FraudStream.LoadTest.Faults;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Tests.Blocklist;
using FraudStream.Scoring.Tests.Model;
using FraudStream.Tests.Shared;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Engine;

/// <summary>
/// Issue 7, item 16 at run time: a model that returns NaN or throws never lets an event through silently. A healthy
/// replica (real redis-server) keeps labels out of the degraded flag, so the flag here is the model's alone.
/// </summary>
[TestFixture]
public sealed class ModelFailureTests : RedisFixture
{
    private static readonly PhoneNumber Wangiri = Number("+88213000777");

    private string _thresholdsFile = null!;
    private ThresholdsProvider _thresholds = null!;
    private BlocklistReplica _replica = null!;

    [SetUp]
    public async Task StartReplica()
    {
        _thresholdsFile = Path.Combine(Path.GetTempPath(), $"fraudstream-thresholds-{Guid.NewGuid():N}.json");
        File.WriteAllText(_thresholdsFile, ThresholdsFile.Serialize(Thresholds.Default));
        _thresholds = new ThresholdsProvider(_thresholdsFile);
        _replica = new BlocklistReplica(Redis, Options, time: Clock);
        await _replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
    }

    [TearDown]
    public async Task CleanUp()
    {
        await _replica.DisposeAsync();
        _thresholds.Dispose();
        File.Delete(_thresholdsFile);
    }

    [Test]
    public void NaN_scores_keep_the_rule_detections_and_flag_exactly_the_events_the_model_could_not_score()
    {
        // Voice calls (EventSms = 0) score NaN, SMS (EventSms = 1) score normally.
        var path = NanModel.Write(Feature.EventSms, 0.5f);
        var model = FraudModel.Load(path);
        File.Delete(path);
        var scorer = new PartitionScorer(new ScoringServices(_replica, _thresholds, model, new FeatureOptions()), Side.Outbound);
        var events = WangiriThenSms();

        var decisions = new Decision[events.Length];
        scorer.Score(events, decisions);

        var calls = decisions.AsSpan(0, 40).ToArray();
        var sms = decisions.AsSpan(40).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(calls, Has.All.Matches<Decision>(d => d.Degraded && d.ModelVersion is null), "every call the model could not score says so");
            Assert.That(calls[^1].Has(FraudKind.Wangiri) && calls[^1].Action != DecisionAction.Allow, Is.True, "the wangiri rule still decides");
            Assert.That(calls, Has.None.Matches<Decision>(d => d.Has(FraudKind.MlFraud)), "a NaN never becomes an ml_fraud detection");
            Assert.That(sms, Has.All.Matches<Decision>(d => !d.Degraded && d.ModelVersion == model.Version), "scored events are whole");
            Assert.That(scorer.ModelFailures, Is.EqualTo(40));
            Assert.That(scorer.LastModelError, Does.Contain("NaN"));
        });
    }

    [Test]
    public void A_model_that_throws_leaves_the_rules_deciding_and_flags_every_event_of_the_batch()
    {
        // A model of another row width than the stream's features (run refuses one at start; here it reaches the
        // scorer anyway): PredictBatch throws for every batch.
        var synthetic = SyntheticFraudData.Generate(2_000, seed: 3);
        var model = ForestTrainer.Train(synthetic.Rows, synthetic.RowCount, SyntheticFraudData.FeatureNames, synthetic.Labels, new ForestTrainingOptions { Trees = 3 });
        var scorer = new PartitionScorer(new ScoringServices(_replica, _thresholds, model, new FeatureOptions()), Side.Outbound);
        var events = WangiriThenSms();
        var decisions = new Decision[events.Length];
        scorer.Score(events, decisions);

        Assert.Multiple(() =>
        {
            Assert.That(decisions, Has.All.Matches<Decision>(d => d.Degraded && d.ModelVersion is null));
            Assert.That(decisions[39].Has(FraudKind.Wangiri), Is.True, "the wangiri rule still decides");
            Assert.That(scorer.ModelFailures, Is.EqualTo(events.Length));
            Assert.That(scorer.LastModelError, Does.StartWith(nameof(ArgumentException)).And.Contain("16 features per row"));
        });
    }

    // 40 unanswered short rings from a premium range to new home numbers (wangiri), then 10 SMS between home numbers.
    private static CallEvent[] WangiriThenSms()
        => [
            .. Enumerable.Range(0, 40).Select(i => Call(Wangiri, Home(300 + i), Noon.AddSeconds(i), answered: false, ring: 2)),
            .. Enumerable.Range(0, 10).Select(i => Sms(Home(500 + i), Home(600 + i), Noon.AddSeconds(50 + i))),
        ];
}
