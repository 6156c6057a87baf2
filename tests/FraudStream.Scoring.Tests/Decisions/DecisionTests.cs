using FraudStream.Scoring.Decisions;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Decisions;

[TestFixture]
public sealed class DecisionTests
{
    private static Detection Found(FraudKind kind, DecisionAction action, Severity severity, float score, Role role = Role.Suspect)
        => new(kind, role, Home(1), action, severity, score, ReasonCode.None, 1, 1);

    [Test]
    public void Empty_decision_allows_with_no_reasons()
    {
        var decision = new Decision();

        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Allow));
        Assert.That(decision.IsEmpty, Is.True);
        Assert.That(decision.Detections.Length, Is.Zero);
    }

    [Test]
    public void Add_several_detections_strongest_action_and_highest_severity_and_score_win()
    {
        var decision = new Decision();
        decision.Add(Found(FraudKind.Robocall, DecisionAction.Label, Severity.Critical, 0.4f));
        decision.Add(Found(FraudKind.Wangiri, DecisionAction.Block, Severity.Medium, 0.9f));
        decision.Add(Found(FraudKind.MlFraud, DecisionAction.Warn, Severity.Low, 0.6f));

        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Block));
        Assert.That(decision.Severity, Is.EqualTo(Severity.Critical));
        Assert.That(decision.Score, Is.EqualTo(0.9f));
        Assert.That(decision.Count, Is.EqualTo(3), "every detection is kept as a reason");
        Assert.That(decision.Has(FraudKind.Robocall) && decision.Has(FraudKind.Wangiri) && decision.Has(FraudKind.MlFraud), Is.True);
    }

    [Test]
    public void Add_allow_label_overrides_a_block_but_keeps_the_reasons()
    {
        var decision = new Decision();
        decision.Add(Found(FraudKind.Simbox, DecisionAction.Block, Severity.High, 0.95f));
        decision.Add(Found(FraudKind.Blocklisted, DecisionAction.Allow, Severity.Low, 0f));

        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Allow));
        Assert.That(decision.AllowedByLabel, Is.True);
        Assert.That(decision.Has(FraudKind.Simbox), Is.True, "the overridden finding stays visible");
        Assert.That(decision.Severity, Is.EqualTo(Severity.High));
    }

    [Test]
    public void Add_allow_from_a_detector_does_not_override_a_block()
    {
        var decision = new Decision();
        decision.Add(Found(FraudKind.Robocall, DecisionAction.Block, Severity.High, 0.9f));
        decision.Add(Found(FraudKind.Harassment, DecisionAction.Allow, Severity.Low, 0.1f));

        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Block), "only a blocklist allow label whitelists");
    }

    [Test]
    public void Add_more_than_the_slots_keeps_the_strongest_and_counts_the_dropped()
    {
        var decision = new Decision();
        decision.Add(Found(FraudKind.Blocklisted, DecisionAction.Allow, Severity.Low, 0f));
        for (var i = 0; i < 5; i++)
            decision.Add(Found(FraudKind.Robocall, DecisionAction.Label, Severity.Low, 0.1f * i));
        decision.Add(Found(FraudKind.Irsf, DecisionAction.Block, Severity.Critical, 0.99f));

        Assert.That(decision.Count, Is.EqualTo(Decision.MaxDetections));
        Assert.That(decision.Dropped, Is.EqualTo(3));
        Assert.That(decision.Has(FraudKind.Irsf), Is.True, "the strongest finding displaces a weak one");
        Assert.That(decision.Has(FraudKind.Blocklisted), Is.True, "the allow label that decides is never displaced");
        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Allow));
    }

    [Test]
    public void Add_allocates_nothing()
    {
        var detection = Found(FraudKind.Robocall, DecisionAction.Label, Severity.Low, 0.5f);
        var decision = new Decision();
        decision.Add(detection);
        var allocated = Allocations.Fewest(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                decision = default;
                decision.Add(detection);
                decision.Add(detection);
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(decision.Count, Is.EqualTo(2));
    }

    [TestCase(FraudKind.Blocklisted, "blocklisted")]
    [TestCase(FraudKind.OverseasBlocked, "overseas_blocked")]
    [TestCase(FraudKind.CallBombing, "call_bombing")]
    [TestCase(FraudKind.SmsFlood, "sms_flood")]
    [TestCase(FraudKind.VictimWarning, "victim_warning")]
    [TestCase(FraudKind.MlFraud, "ml_fraud")]
    [TestCase(FraudKind.Scam, "scam")]
    public void ToWire_every_kind_has_its_snake_case_name(FraudKind kind, string wire)
    {
        Assert.That(kind.ToWire(), Is.EqualTo(wire));
        Assert.That(FraudKinds.TryParse(wire, out var parsed) && parsed == kind, Is.True);
        Assert.That(System.Text.Encoding.UTF8.GetString(kind.ToWireUtf8()), Is.EqualTo(wire));
    }

    [Test]
    public void ToWire_names_are_distinct_for_all_twelve_kinds()
    {
        var names = new HashSet<string>();
        foreach (var kind in FraudKinds.All)
            names.Add(kind.ToWire());

        Assert.That(names, Has.Count.EqualTo(12));
    }
}
