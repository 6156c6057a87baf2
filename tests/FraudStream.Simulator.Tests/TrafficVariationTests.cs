using System.Security.Cryptography;

namespace FraudStream.Simulator.Tests;

[TestFixture]
public sealed class TrafficVariationTests
{
    // SHA-256 of the first 60,000 records of this standard world, taken at 4c89278 (before variations existed):
    // the standard variation must leave every byte as it was, so the demo, the tests' floors and the shipped
    // model's training data do not move. Update it only for a deliberate change to the standard world.
    private const string StandardWorldHash = "41385AE7893854F8DFE39DE752A90DD4226D99ED1B87A5FDD8135CA96B44B270";

    private static readonly SimulationOptions s_options = new() { Population = 5_000, Duplicates = 0.05, Malformed = 0.01, ExpectedRecords = 60_000 };

    [Test]
    public void Standard_variation_leaves_the_standard_world_byte_for_byte()
        => Assert.That(Hash(s_options with { Variation = TrafficVariation.Standard }, 60_000), Is.EqualTo(StandardWorldHash));

    [Test]
    public void Held_out_world_lies_outside_every_training_range()
    {
        foreach (var (name, (min, max)) in TrafficVariation.TrainingRanges)
        {
            var value = (double)typeof(TrafficVariation).GetProperty(name)!.GetValue(TrafficVariation.HeldOut)!;
            Assert.That(value < min || value > max, $"{name} {value} is inside [{min}, {max}]");
        }

        Assert.That(TrafficVariation.TrainingRanges, Has.Count.EqualTo(typeof(TrafficVariation).GetProperties().Count(p => p.PropertyType == typeof(double))),
            "every variation property has a training range");
    }

    [Test]
    public void Training_corner_sits_at_an_end_of_every_training_range_on_the_held_out_worlds_side()
    {
        foreach (var (name, (min, max)) in TrafficVariation.TrainingRanges)
        {
            var corner = (double)typeof(TrafficVariation).GetProperty(name)!.GetValue(TrafficVariation.TrainingCorner)!;
            var heldOut = (double)typeof(TrafficVariation).GetProperty(name)!.GetValue(TrafficVariation.HeldOut)!;
            Assert.That(corner, Is.EqualTo(heldOut > max ? max : min), name);
        }
    }

    [TestCase(1UL)]
    [TestCase(42UL)]
    [TestCase(20_261_207UL)]
    public void Draw_stays_inside_the_training_ranges_and_is_deterministic(ulong seed)
    {
        var drawn = TrafficVariation.Draw(seed);

        Assert.That(TrafficVariation.Draw(seed), Is.EqualTo(drawn));
        Assert.That(drawn.Validate(), Is.Null);
        foreach (var (name, (min, max)) in TrafficVariation.TrainingRanges)
            Assert.That((double)typeof(TrafficVariation).GetProperty(name)!.GetValue(drawn)!, Is.InRange(min, max), name);
    }

    [Test]
    public void Cell_and_imei_shares_omit_the_fields_on_about_that_share_of_records()
    {
        var sample = SimulatedSample.Generate(s_options with { Duplicates = 0, Malformed = 0, Variation = new TrafficVariation { CellShare = 0.3, ImeiShare = 0.6 } }, 40_000);
        var cells = sample.Lines.Count(l => l.Contains("\"cellId\"", StringComparison.Ordinal));
        var imeis = sample.Lines.Count(l => l.Contains("\"imei\"", StringComparison.Ordinal));

        // Home callers' records carry both fields in the standard world; each is now kept with its own share.
        Assert.That(imeis, Is.GreaterThan(5_000));
        Assert.That((double)cells / imeis, Is.EqualTo(0.3 / 0.6).Within(0.05), $"{cells} records with a cell, {imeis} with an IMEI");
    }

    [Test]
    public void Heavy_callers_and_call_centres_play_only_when_asked_for()
    {
        var standard = new TrafficSimulator(s_options).LookAlikes();
        var busy = new TrafficSimulator(s_options with { Variation = new TrafficVariation { HeavyCallerShare = 0.01, CallCentresPer100k = 100 } }).LookAlikes();

        Assert.That(standard.Values, Has.None.EqualTo("heavy caller").And.None.EqualTo("call centre"));
        Assert.That(busy.Values.Count(v => v == "heavy caller"), Is.EqualTo(50));
        Assert.That(busy.Values.Count(v => v == "call centre"), Is.EqualTo(5));
    }

    [Test]
    public void Validate_refuses_absurd_values()
    {
        Assert.That(new TrafficVariation { CellShare = 1.5 }.Validate(), Does.Contain("cell"));
        Assert.That(new TrafficVariation { Activity = 0 }.Validate(), Does.Contain("activity"));
        Assert.That(new SimulationOptions { Variation = new TrafficVariation { FraudIntensity = -1 } }.Validate(), Does.Contain("fraud intensity"));
    }

    private static string Hash(SimulationOptions options, int records)
    {
        var simulator = new TrafficSimulator(options);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < records; i++)
        {
            simulator.Next();
            hash.AppendData(simulator.Record);
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
