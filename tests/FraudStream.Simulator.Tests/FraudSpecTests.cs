namespace FraudStream.Simulator.Tests;

[TestFixture]
public sealed class FraudSpecTests
{
    [TestCase("wangiri=3", FraudKind.Wangiri, 3, 1.0)]
    [TestCase("call_bombing=2:0.5", FraudKind.CallBombing, 2, 0.5)]
    [TestCase("sms_flood=0", FraudKind.SmsFlood, 0, 1.0)]
    [TestCase("simbox=10:4", FraudKind.Simbox, 10, 4.0)]
    public void TryParse_valid_spec_gives_kind_count_and_intensity(string text, FraudKind kind, int count, double intensity)
    {
        Assert.That(FraudSpec.TryParse(text, out var spec, out var error), Is.True, error);
        Assert.That(spec, Is.EqualTo(new FraudSpec(kind, count, intensity)));
    }

    [TestCase("phishing=3", "unknown fraud kind 'phishing'")]
    [TestCase("wangiri", "expected wangiri=count")]
    [TestCase("wangiri=-1", "expected wangiri=count")]
    [TestCase("wangiri=lots", "expected wangiri=count")]
    [TestCase("scam=2:0", "intensity")]
    [TestCase("scam=2:fast", "intensity")]
    public void TryParse_invalid_spec_says_what_is_wrong(string text, string reason)
    {
        Assert.That(FraudSpec.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason).And.Contain(text));
    }

    [Test]
    public void Resolve_defaults_scale_with_population_and_every_kind_plays_at_least_once()
    {
        var standard = new SimulationOptions();
        var small = new SimulationOptions { Population = 5_000 };

        Assert.That(FraudKinds.All.Select(k => standard.Resolve(k).Count), Has.All.GreaterThanOrEqualTo(2));
        Assert.That(FraudKinds.All.Select(k => small.Resolve(k).Count), Has.All.EqualTo(1));
        Assert.That(new SimulationOptions { Population = 1_000_000 }.Resolve(FraudKind.Scam).Count, Is.EqualTo(10 * standard.Resolve(FraudKind.Scam).Count));
    }

    [Test]
    public void Resolve_no_fraud_plays_only_the_kinds_named()
    {
        var options = new SimulationOptions { NoFraud = true, Fraud = [new(FraudKind.Scam, 4, 2)] };

        Assert.That(options.Resolve(FraudKind.Scam), Is.EqualTo(new FraudSpec(FraudKind.Scam, 4, 2)));
        Assert.That(FraudKinds.All.Where(k => k != FraudKind.Scam).Select(k => options.Resolve(k).Count), Has.All.Zero);
    }
}
