using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Training;
using FraudStream.Simulator;

namespace FraudStream.Scoring.Tests.Model;

/// <summary>Feature rows as the stream computes them, from simulated traffic (fraud included), with values knocked out at random.</summary>
internal static class SimulatedRows
{
    /// <summary>About <paramref name="events"/> rows of <see cref="Feature.Count"/> values; each value is NaN with probability <paramref name="missingShare"/>.</summary>
    public static float[] Generate(int events, ulong seed, double missingShare)
    {
        var simulator = new TrafficSimulator(new SimulationOptions { Seed = seed, Population = 5_000, ExpectedRecords = events });
        var decoder = new CdrDecoder();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var set = new TrainingSet(new TruthSet(), new FeatureOptions(), 86, testFraction: 0, seed);
        for (var i = 0; i < events; i++)
        {
            simulator.Next();
            if (decoder.Decode(simulator.Record, now, out var e).IsOk)
                set.Add(e);
        }

        var rows = set.TrainRows.ToArray();
        var random = new Random((int)seed);
        for (var i = 0; i < rows.Length; i++)
        {
            if (random.NextDouble() < missingShare)
                rows[i] = float.NaN;
        }

        return rows;
    }
}
