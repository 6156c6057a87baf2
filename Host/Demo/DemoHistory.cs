using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Simulator;

namespace FraudStream.Host.Demo;

/// <summary>
/// The pair memory a running carrier's FraudStream holds (who has called or texted whom lately): the same
/// subscribers' legitimate traffic of the days before the run, played through extractors over the scoring
/// services' pair tables and not scored. Without it every relative abroad calling for the first time in the
/// run looks like a scam caller to <c>victim_warning</c> (the "first contact" the rule needs is only first
/// within the run), which measures a cold start rather than the service.
/// </summary>
internal static class DemoHistory
{
    /// <summary>Plays <paramref name="days"/> of history ending at the run's start; returns the events played.</summary>
    public static long Play(SimulationOptions options, int days, ScoringServices services)
    {
        if (days <= 0)
            return 0;

        // Same seed and population: the same subscribers, contacts, families abroad and couriers as the run.
        var start = options.Start.AddDays(-days);
        var end = options.Start.ToUnixTimeMilliseconds();
        var history = options with { NoFraud = true, Fraud = [], Duplicates = 0, Malformed = 0, Start = start };
        var expected = (long)(new TrafficSimulator(history).LegitimateEventsPerDay * (days + 0.5));
        var simulator = new TrafficSimulator(history with { ExpectedRecords = expected });
        var decoder = new CdrDecoder((ushort)options.HomeCountry);
        var outbound = new FeatureExtractor(Side.Outbound, services.Features, services.OutboundPairs, services.HomeCountryCode);
        var inbound = new FeatureExtractor(Side.Inbound, services.Features, services.InboundPairs, services.HomeCountryCode);
        var f = new FeatureVector();
        long played = 0;
        while (simulator.Emitted < expected)
        {
            if (simulator.Next() != RecordOrigin.Original || !decoder.Decode(simulator.Record, long.MaxValue / 2, out var e).IsOk)
                continue;
            if (e.StartTimeMs >= end)
                break;
            outbound.Apply(e, ref f);
            inbound.Apply(e, ref f);
            services.RememberOwnCall(e);
            played++;
        }

        return played;
    }
}
