using FraudStream.Host.Demo;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Simulator;

namespace FraudStream.Host.Tests.Demo;

[TestFixture]
public sealed class DemoHistoryTests
{
    private static readonly SimulationOptions Options = new() { Population = 1000, Seed = 5, ExpectedRecords = 20_000 };

    private string _thresholdsFile = null!;
    private ThresholdsProvider _thresholds = null!;

    [SetUp]
    public void WriteThresholds()
    {
        _thresholdsFile = Path.Combine(Path.GetTempPath(), $"fraudstream-thresholds-{Guid.NewGuid():N}.json");
        File.WriteAllText(_thresholdsFile, ThresholdsFile.Serialize(Thresholds.Default));
        _thresholds = new ThresholdsProvider(_thresholdsFile);
    }

    [TearDown]
    public void CleanUp()
    {
        _thresholds.Dispose();
        File.Delete(_thresholdsFile);
    }

    [Test]
    public void Play_puts_the_days_before_the_run_into_both_pair_tables()
    {
        var services = new ScoringServices(null, _thresholds, null, new FeatureOptions { PairTableBits = 20 });

        var played = DemoHistory.Play(Options, 2, services);

        // The first records of the history itself (same seed, no fraud): its pairs are known now.
        var dayBefore = new TrafficSimulator(Options with { NoFraud = true, Start = Options.Start.AddDays(-2) });
        var decoder = new CdrDecoder((ushort)Options.HomeCountry);
        int checkedPairs = 0, known = 0;
        while (checkedPairs < 200)
        {
            if (dayBefore.Next() != RecordOrigin.Original || !decoder.Decode(dayBefore.Record, long.MaxValue / 2, out var e).IsOk)
                continue;
            checkedPairs++;
            if (services.OutboundPairs.Contains(e.Caller.Value, e.Callee.Value) && services.InboundPairs.Contains(e.Callee.Value, e.Caller.Value))
                known++;
        }

        Assert.That(played, Is.GreaterThan(20_000), "two days of 1,000 subscribers");
        Assert.That(known, Is.GreaterThanOrEqualTo(190), "pairs of the history are in both tables (a few may be lost to collisions)");
    }

    [Test]
    public void Play_remembers_whom_the_subscribers_called_for_the_callee_side()
    {
        var services = new ScoringServices(null, _thresholds, null, new FeatureOptions { PairTableBits = 20 });

        DemoHistory.Play(Options, 2, services);

        var history = new TrafficSimulator(Options with { NoFraud = true, Start = Options.Start.AddDays(-2) });
        var decoder = new CdrDecoder((ushort)Options.HomeCountry);
        int abroad = 0, known = 0, domestic = 0, domesticKnown = 0, domesticCalled = 0;
        for (var i = 0; i < 20_000 && abroad < 50; i++)
        {
            if (history.Next() != RecordOrigin.Original || !decoder.Decode(history.Record, long.MaxValue / 2, out var e).IsOk)
                continue;
            var remembered = services.CalledAbroad.Contains(e.Caller.Value, e.Callee.Value);
            if (services.IsCallAbroad(e))
                (abroad, known) = (abroad + 1, known + (remembered ? 1 : 0));
            else
                (domestic, domesticKnown, domesticCalled) = (domestic + 1, domesticKnown + (remembered ? 1 : 0), domesticCalled + (services.CalledNumbers.Contains(e.Caller.Value, e.Callee.Value) ? 1 : 0));
        }

        Assert.That(abroad, Is.GreaterThanOrEqualTo(20), "the history has calls abroad (families abroad)");
        Assert.That(known, Is.EqualTo(abroad), "every call abroad of the history is remembered");
        Assert.That(domesticKnown, Is.Zero, $"none of the {domestic} calls at home is among the calls abroad");
        Assert.That(domesticCalled, Is.EqualTo(domestic), "every call at home is among whom the subscribers called (harassment)");
    }

    [Test]
    public void Play_of_zero_days_is_a_cold_start()
    {
        var services = new ScoringServices(null, _thresholds, null, new FeatureOptions { PairTableBits = 20 });

        Assert.That(DemoHistory.Play(Options, 0, services), Is.Zero);
    }
}
