using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Training;
using FraudStream.Simulator;
using FraudStream.Simulator.Truth;

namespace FraudStream.Scoring.Tests.Engine;

/// <summary>Train on simulated traffic, save, load, and score through the stream's scorer: the model's verdict reaches the decision.</summary>
[TestFixture]
public sealed class ModelRoundTripTests
{
    [Test]
    public void Trained_model_saved_and_loaded_flags_suspects_in_decisions_with_its_version_and_explains_them()
    {
        var events = Simulate(120_000, seed: 11, out var truth);
        var set = new TrainingSet(truth, new FeatureOptions(), 86, testFraction: 0.2, seed: 11);
        foreach (var e in events)
            set.Add(e);
        var (trained, evaluation) = ModelTraining.Train(set, new ForestTrainingOptions { Trees = 40, Seed = 11 });
        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-model-{Guid.NewGuid():N}.zip");
        trained.Save(path);

        var model = FraudModel.Load(path);
        var thresholdsFile = Path.Combine(Path.GetTempPath(), $"fraudstream-thresholds-{Guid.NewGuid():N}.json");
        File.WriteAllText(thresholdsFile, ThresholdsFile.Serialize(Thresholds.Default));
        using var thresholds = new ThresholdsProvider(thresholdsFile);
        var scorer = new PartitionScorer(new ScoringServices(null, thresholds, model, new FeatureOptions()), Side.Outbound);

        var decisions = new Decision[events.Count];
        int suspectEvents = 0, suspectFlagged = 0, otherEvents = 0, otherFlagged = 0;
        float[] contributions = new float[Feature.Count + 1];
        var explained = false;
        for (var start = 0; start < events.Count; start += 1000)
        {
            var batch = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events).Slice(start, Math.Min(1000, events.Count - start));
            scorer.Score(batch, decisions);
            for (var i = 0; i < batch.Length; i++)
            {
                var flagged = decisions[i].Has(FraudStream.Scoring.Decisions.FraudKind.MlFraud);
                if (truth.IsSuspect(batch[i].Caller.Value))
                {
                    suspectEvents++;
                    suspectFlagged += flagged ? 1 : 0;
                }
                else
                {
                    otherEvents++;
                    otherFlagged += flagged ? 1 : 0;
                }

                if (flagged && !explained)
                {
                    scorer.Explain(i, contributions);
                    var logit = MathF.Log(scorer.ModelScore(i) / (1 - scorer.ModelScore(i)));
                    Assert.That(contributions.Sum(), Is.EqualTo(logit).Within(1e-3f), "contributions explain the score");
                    explained = true;
                }

                Assert.That(decisions[i].ModelVersion, Is.EqualTo(model.Version));
            }
        }

        File.Delete(path);
        File.Delete(thresholdsFile);
        Assert.That(evaluation.EventAuc, Is.GreaterThan(0.9));
        Assert.That(explained, Is.True);
        Assert.That((double)suspectFlagged / suspectEvents, Is.GreaterThan(0.5), "most of the suspects' events are flagged");
        Assert.That((double)otherFlagged / otherEvents, Is.LessThan(0.01), "few ordinary events are");
    }

    private static List<CallEvent> Simulate(int count, ulong seed, out TruthSet truth)
    {
        var simulator = new TrafficSimulator(new SimulationOptions { Seed = seed, Population = 20_000, ExpectedRecords = count });
        var decoder = new CdrDecoder();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var events = new List<CallEvent>(count);
        for (var i = 0; i < count; i++)
        {
            simulator.Next();
            if (decoder.Decode(simulator.Record, now, out var e).IsOk)
                events.Add(e);
        }

        truth = new TruthSet();
        foreach (var entry in simulator.Truth.Entries)
        {
            if (entry.Role == TruthRole.Suspect)
                truth.AddSuspect(entry.Number, FraudStream.Simulator.FraudKinds.Name(entry.Kind));
        }

        return events;
    }
}
