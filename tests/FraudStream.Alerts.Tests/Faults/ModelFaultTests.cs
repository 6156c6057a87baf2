using System.Text.Json;
using FraudStream.LoadTest.Faults;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Tests.Shared;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// Issue 7, item 16 at run time: a model that scores NaN for part of the traffic. No record may be allowed silently:
/// rules and labels decide, the decisions say the model is missing from them, and the consumer keeps flowing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ModelFaultTests
{
    [Test]
    public async Task NaN_model_scores_fall_back_to_rules_flag_the_decisions_and_lose_nothing()
    {
        // Voice calls score NaN (inf + -inf in the model's margin), SMS score low.
        var path = NanModel.Write(Feature.EventSms, 0.5f);
        var model = FraudModel.Load(path);
        File.Delete(path);
        using var run = new FaultRun(redis: true) { Model = model };

        var ledger = await run.RunAsync(static _ => Task.CompletedTask);

        var failures = run.First.Statistics.ModelFailures;
        var decisions = CallerDecision.ReadAll(run);
        var degraded = decisions.Where(d => d.Degraded).ToList();
        var ruleKinds = degraded.Count(d => d.Kinds.Length > 0);
        var alerts = TopicReader.ReadAll(run.Bootstrap, run.Harness.Alerts.Topic).Select(a => JsonDocument.Parse(a.Message.Value).RootElement).ToList();
        var degradedAlerts = alerts.Where(a => a.GetProperty("degraded").GetBoolean()).ToList();
        TestContext.Progress.WriteLine($"[fault matrix] 16 NaN model: {failures} events the model could not score, {degraded.Count} of {decisions.Count} caller decisions degraded, "
            + $"{ruleKinds} of them with rule or label detections; {degradedAlerts.Count} of {alerts.Count} alerts degraded");
        ledger.AssertNothingLost("16 NaN model").AssertDuplicatesAtMost(0, "16 NaN model", "none: Kafka saw no fault");
        Assert.That(failures, Is.GreaterThan(0), "model failures are counted");
        Assert.That(degraded, Has.Count.EqualTo(failures), "exactly the decisions of the events the model could not score are flagged (Redis was healthy)");
        Assert.That(degraded.Count, Is.LessThan(decisions.Count), "events the model scored are not flagged");
        Assert.That(ruleKinds, Is.GreaterThan(0), "rules still decide the events the model could not score");
        Assert.That(degraded.Where(d => d.Kinds.Contains("ml_fraud")), Is.Empty, "a NaN is never an ml_fraud detection");
        Assert.That(degradedAlerts, Is.Not.Empty.And.All.Matches<JsonElement>(a => a.GetProperty("modelVersion").ValueKind == JsonValueKind.Null),
            "their alerts carry degraded and no model version");
    }
}
