using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Tests.Shared;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Engine;

/// <summary>
/// The model names only callers reaching strangers (<see cref="ModelThresholds.MinFirstContacts1h"/>): its false alarms
/// in the held-out world were busy subscribers calling their own contacts. The score cut-off is 0 here, so the gate alone decides.
/// </summary>
[TestFixture]
public sealed class ModelStrangerGateTests
{
    private static readonly FraudModel Model = FraudModel.Load(ShippedModel.Locate());

    [Test]
    public void A_call_to_a_stranger_passes_the_gate_and_a_call_to_a_contact_of_hours_ago_does_not()
    {
        var (first, again) = Play(minFirstContacts: 1);

        Assert.That(first, Is.True, "the first call to a number: a stranger");
        Assert.That(again, Is.False, "three hours later the same number is a contact and no stranger was called since");
    }

    [Test]
    public void Without_the_gate_the_score_alone_decides()
    {
        var (first, again) = Play(minFirstContacts: 0);

        Assert.That(first && again, Is.True);
    }

    private static (bool First, bool Again) Play(float minFirstContacts)
    {
        var thresholds = Thresholds.Default with { Model = Thresholds.Default.Model with { MinScore = 0, MinFirstContacts1h = minFirstContacts } };
        var scorer = new PartitionScorer(new ScoringServices(null, ThresholdsProvider.Fixed(thresholds), Model, new FeatureOptions()), Side.Outbound);
        var decisions = new Decision[1];
        var caller = Home(700);
        var contact = Home(701);

        scorer.Score([Call(caller, contact, Noon)], decisions);
        var first = decisions[0].Has(FraudKind.MlFraud);
        scorer.Score([Call(caller, contact, Noon.AddHours(3))], decisions);
        return (first, decisions[0].Has(FraudKind.MlFraud));
    }
}
