using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Simulator;
using FraudStream.Simulator.Truth;
using Kind = FraudStream.Scoring.Decisions.FraudKind;
using SimKind = FraudStream.Simulator.FraudKind;

namespace FraudStream.Scoring.Tests.Detectors;

/// <summary>
/// The rules against the simulator's ground truth: 300k records, every fraud kind, the legitimate look-alikes
/// (families abroad, couriers, hotlines, service SMS) in the traffic. Scoring/Detectors/README.md holds the table.
/// </summary>
[TestFixture]
public sealed class EvaluationTests
{
    public const int Records = 300_000;

    public const double HistoryDays = 7;

    /// <summary>20,000 subscribers over about a day, at least two actors of every kind (as the simulator's standard sample).</summary>
    public static readonly SimulationOptions Options = new()
    {
        Population = 20_000,
        Fraud =
        [
            new(SimKind.Wangiri, 2, 1), new(SimKind.CallBombing, 2, 1), new(SimKind.Harassment, 3, 1), new(SimKind.Robocall, 2, 1),
            new(SimKind.Scam, 5, 1), new(SimKind.Irsf, 3, 1), new(SimKind.Simbox, 2, 1), new(SimKind.SmsFlood, 2, 1),
        ],
    };

    private Evaluation _evaluation = null!;

    [OneTimeSetUp]
    public void Run()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _evaluation = new Evaluation(Options, Records, Thresholds.Default, HistoryDays);
        TestContext.Progress.WriteLine($"evaluation took {clock.Elapsed.TotalSeconds:F1} s");
        TestContext.Progress.WriteLine(_evaluation.Table());
        foreach (var (kind, role, truth, truthRole) in Evaluation.Rows)
            TestContext.Progress.WriteLine($"{kind}/{role} false positives:{_evaluation.FalsePositives(kind, role, truth, truthRole)}");
    }

    // Floors hold with margin on seeds 42 (below) and 7; where a sample has two or three actors of a kind, one
    // wrong number costs a third of the precision, so those floors are lower. See Scoring/Detectors/README.md.
    [TestCase(Kind.Wangiri, Role.Suspect, SimKind.Wangiri, TruthRole.Suspect, 0.8, 0.8)]
    [TestCase(Kind.Robocall, Role.Suspect, SimKind.Robocall, TruthRole.Suspect, 0.6, 0.8)]
    [TestCase(Kind.SmsFlood, Role.Suspect, SimKind.SmsFlood, TruthRole.Suspect, 0.6, 0.8)]
    [TestCase(Kind.Harassment, Role.Suspect, SimKind.Harassment, TruthRole.Suspect, 0.6, 0.8)]
    [TestCase(Kind.Harassment, Role.Victim, SimKind.Harassment, TruthRole.Victim, 0.6, 0.8)]
    [TestCase(Kind.Irsf, Role.Suspect, SimKind.Irsf, TruthRole.Suspect, 0.6, 0.8)]
    [TestCase(Kind.Simbox, Role.Suspect, SimKind.Simbox, TruthRole.Suspect, 0.9, 0.9)]
    [TestCase(Kind.CallBombing, Role.Victim, SimKind.CallBombing, TruthRole.Victim, 0.9, 0.7)]
    [TestCase(Kind.VictimWarning, Role.Victim, SimKind.Scam, TruthRole.Victim, 0.3, 0.8)]
    [TestCase(Kind.Scam, Role.Suspect, SimKind.Scam, TruthRole.Suspect, 0.3, 0.8)]
    public void Rules_on_simulated_traffic_reach_the_floors(Kind kind, Role role, SimKind truth, TruthRole truthRole, double minPrecision, double minRecall)
    {
        var score = _evaluation.Of(kind, role, truth, truthRole);

        Assert.That(score.Truth, Is.GreaterThan(0), "the sample holds this kind");
        Assert.That(score.Precision, Is.GreaterThanOrEqualTo(minPrecision), $"precision of {kind.ToWire()}: {score}");
        Assert.That(score.Recall, Is.GreaterThanOrEqualTo(minRecall), $"recall of {kind.ToWire()}: {score}");
    }
}
