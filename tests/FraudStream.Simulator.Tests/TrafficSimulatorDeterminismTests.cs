using System.Security.Cryptography;

namespace FraudStream.Simulator.Tests;

[TestFixture]
public sealed class TrafficSimulatorDeterminismTests
{
    private static readonly SimulationOptions s_options = new() { Population = 5_000, Duplicates = 0.05, Malformed = 0.01, ExpectedRecords = 60_000 };

    [Test]
    public void Next_same_seed_gives_byte_identical_records_and_truth()
    {
        var (first, firstTruth) = Run(s_options);
        var (second, secondTruth) = Run(s_options);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(secondTruth, Is.EqualTo(firstTruth));
        Assert.That(firstTruth, Does.Contain("\n+"), "the truth is not empty");
    }

    [Test]
    public void Next_different_seed_gives_different_records_and_truth()
    {
        var (first, firstTruth) = Run(s_options);
        var (other, otherTruth) = Run(s_options with { Seed = 43 });

        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(otherTruth, Is.Not.EqualTo(firstTruth));
    }

    [Test]
    public void Next_turning_on_duplicates_and_malformed_leaves_the_original_events_unchanged()
    {
        // 20,000 records of which 1/1.25 are originals cover the span of 16,000 plain records; same span, same events.
        var plain = SimulatedSample.Generate(s_options with { Duplicates = 0, Malformed = 0 }, 20_000, expectedRecords: 16_000);
        var noisy = SimulatedSample.Generate(s_options with { Duplicates = 0.2, Malformed = 0.05 }, 20_000);

        // Malformed records take record ids too, so the originals' ids shift; the events do not.
        var originals = noisy.Originals.Select(c => c with { RecordId = "" }).ToList();
        Assert.That(originals, Has.Count.LessThan(19_000));
        Assert.That(originals, Is.EqualTo(plain.Originals.Take(originals.Count).Select(c => c with { RecordId = "" })));
    }

    private static (byte[] Hash, string Truth) Run(SimulationOptions options)
    {
        var simulator = new TrafficSimulator(options);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < 60_000; i++)
        {
            simulator.Next();
            hash.AppendData(simulator.Record);
            hash.AppendData("\n"u8);
        }

        using var truth = new StringWriter();
        simulator.Truth.WriteCsv(truth);
        return (hash.GetHashAndReset(), truth.ToString());
    }
}
