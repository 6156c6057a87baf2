using FraudStream.Ingest.Cdr;

namespace FraudStream.Simulator.Tests;

/// <summary>The simulator and the ingest decoder agree on the CDR v1 contract: what one emits, the other accepts or dead-letters as intended.</summary>
[TestFixture]
public sealed class IngestDecoderTests
{
    [Test]
    public void Simulated_records_decode_and_only_the_malformed_ones_are_rejected()
    {
        var simulator = new TrafficSimulator(SimulatedSample.StandardOptions with { Duplicates = 0.05, Malformed = 0.01, ExpectedRecords = 100_000 });
        var decoder = new CdrDecoder(homeCountryCode: 86);
        var now = DateTimeOffset.Parse("2026-03-10T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var counts = new Dictionary<RecordOrigin, int>();
        var rejected = new Dictionary<RecordOrigin, int>();
        var international = 0;

        for (var i = 0; i < 100_000; i++)
        {
            var origin = simulator.Next();
            var result = decoder.Decode(simulator.Record, now, out var e);
            counts[origin] = counts.GetValueOrDefault(origin) + 1;
            if (!result.IsOk)
                rejected[origin] = rejected.GetValueOrDefault(origin) + 1;
            else if (e.International)
                international++;
            if (origin != RecordOrigin.Malformed)
                Assert.That(result.IsOk, Is.True, () => $"record {i} ({origin}) rejected: {result.Message}: {System.Text.Encoding.UTF8.GetString(simulator.Record)}");
        }

        Assert.That(counts[RecordOrigin.Malformed], Is.GreaterThan(500));
        Assert.That(rejected.GetValueOrDefault(RecordOrigin.Malformed), Is.EqualTo(counts[RecordOrigin.Malformed]), "every malformed record is dead-lettered");
        Assert.That(international, Is.GreaterThan(0), "family abroad, wangiri, scam and IRSF traffic is international");
    }
}
