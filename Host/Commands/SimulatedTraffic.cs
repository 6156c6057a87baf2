using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Training;
using FraudStream.Simulator;

namespace FraudStream.Host.Commands;

/// <summary>A simulation run decoded into events, with its ground truth: what <c>train</c> and <c>evaluate</c> score.</summary>
internal static class SimulatedTraffic
{
    /// <summary>Decodes the run's original records (duplicates and malformed ones skipped) and converts its truth.</summary>
    public static (List<CallEvent> Events, TruthSet Truth) Generate(SimulationOptions options, long records, CancellationToken cancellationToken)
    {
        var (events, truth, _) = GenerateWithLookAlikes(options, records, cancellationToken);
        return (events, truth);
    }

    /// <summary>As <see cref="Generate"/>, with the world's legitimate look-alikes by number (couriers, heavy callers, ...).</summary>
    public static (List<CallEvent> Events, TruthSet Truth, IReadOnlyDictionary<ulong, string> LookAlikes) GenerateWithLookAlikes(
        SimulationOptions options, long records, CancellationToken cancellationToken)
    {
        var simulator = new TrafficSimulator(options with { ExpectedRecords = records });
        var decoder = new CdrDecoder((ushort)options.HomeCountry);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var events = new List<CallEvent>((int)Math.Min(records, 50_000_000));
        for (long i = 0; i < records; i++)
        {
            if ((i & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (simulator.Next() == RecordOrigin.Original && decoder.Decode(simulator.Record, now, out var e).IsOk)
                events.Add(e);
        }

        return (events, TruthOf(simulator), simulator.LookAlikes());
    }

    /// <summary>
    /// The same world's legitimate traffic (no fraud) for the <paramref name="days"/> before <paramref name="options"/>'
    /// start: the who-called-whom a carrier's state holds before any scored run.
    /// </summary>
    public static List<CallEvent> History(SimulationOptions options, double days, CancellationToken cancellationToken)
    {
        var quiet = options with { NoFraud = true, Fraud = [], Start = options.Start.AddDays(-days) };
        var expected = (long)(new TrafficSimulator(quiet).LegitimateEventsPerDay * (days + 0.5));
        var (events, _) = Generate(quiet, expected, cancellationToken);
        var end = options.Start.ToUnixTimeMilliseconds();
        var kept = events.FindIndex(e => e.StartTimeMs >= end);
        if (kept >= 0)
            events.RemoveRange(kept, events.Count - kept);
        return events;
    }

    private static TruthSet TruthOf(TrafficSimulator simulator)
    {
        var truth = new TruthSet();
        var start = simulator.Options.Start.ToUnixTimeMilliseconds();
        foreach (var entry in simulator.Truth.Entries)
        {
            if (entry.Role == Simulator.Truth.TruthRole.Suspect)
            {
                truth.AddSuspect(entry.Number, FraudKinds.Name(entry.Kind));
                truth.NoteFraudStart(entry.Number, start + entry.FirstSeenMs);
            }
            else
            {
                truth.AddVictim(entry.Number, FraudKinds.Name(entry.Kind));
            }
        }

        return truth;
    }
}
