using System.Globalization;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Simulator;
using FraudStream.Simulator.Truth;

namespace FraudStream.Host.Demo;

/// <summary>
/// The demo's simulated carrier: its options, the ground truth of the records it will send (known beforehand
/// by replaying the same seed, as the simulator is deterministic), and the labels, policies and prefix rules an
/// operator would already have: subscriber reports of wangiri numbers, a court-listed debtor, subscribers who
/// opted in to block overseas calls, and a premium-rate range.
/// </summary>
internal sealed class DemoTraffic
{
    private DemoTraffic(SimulationOptions options, long records, GroundTruth truth, HashSet<ulong> callers)
    {
        Options = options;
        Records = records;
        Truth = truth;
        Callers = callers;
    }

    public SimulationOptions Options { get; }

    public long Records { get; }

    public GroundTruth Truth { get; }

    /// <summary>Numbers that place calls or SMS in the run.</summary>
    public HashSet<ulong> Callers { get; }

    public static DemoTraffic Plan(int population, int seed, long records)
    {
        var options = new SimulationOptions
        {
            Population = population,
            Seed = (ulong)seed,
            Duplicates = 0.02,
            Malformed = 0.002,
            ExpectedRecords = records,
        };

        var probe = new TrafficSimulator(options);
        var decoder = new CdrDecoder((ushort)options.HomeCountry);
        var callers = new HashSet<ulong>();
        for (var i = 0; i < records; i++)
        {
            if (probe.Next() == RecordOrigin.Original && decoder.Decode(probe.Record, long.MaxValue / 2, out var e).IsOk)
                callers.Add(e.Caller.Value);
        }

        return new DemoTraffic(options, records, probe.Truth, callers);
    }

    public TrafficSimulator CreateSimulator() => new(Options);

    /// <summary>Writes the seed labels, policies and prefix rules; returns a line describing them.</summary>
    public async Task<string> SeedAsync(LabelStore store, CancellationToken cancellationToken)
    {
        const string actor = "demo";
        var wangiri = Numbers(FraudKind.Wangiri, TruthRole.Suspect).Where(Callers.Contains).Take(2).ToList();
        foreach (var n in wangiri)
            await store.AddAsync(new LabelRequest(n, LabelCategory.Wangiri, LabelSource.Report, "subscribers reported missed calls from this number"), actor, cancellationToken).ConfigureAwait(false);

        var debtors = Numbers(FraudKind.CallBombing, TruthRole.Victim).Take(1).ToList();
        foreach (var n in debtors)
            await store.AddAsync(new LabelRequest(n, LabelCategory.Defaulter, LabelSource.Court, "court-listed debtor"), actor, cancellationToken).ConfigureAwait(false);

        var optedIn = Numbers(FraudKind.Scam, TruthRole.Victim).Take(3).ToList();
        foreach (var n in optedIn)
            await store.SetPolicyAsync(n, blockOverseas: true, warn: true, actor, cancellationToken).ConfigureAwait(false);

        var ranges = 0;
        var premium = Numbers(FraudKind.Irsf, TruthRole.Suspect).FirstOrDefault(n => !Callers.Contains(n));
        if (premium != 0)
        {
            var digits = premium.ToString(CultureInfo.InvariantCulture);
            var length = Math.Min(6, digits.Length - 1);
            var prefix = ulong.Parse(digits.AsSpan(0, length), CultureInfo.InvariantCulture);
            await store.AddPrefixAsync(new PrefixRule(prefix, (byte)length, LabelAction.Block, LabelCategory.Fraud), "premium-rate range abused for IRSF", actor, cancellationToken).ConfigureAwait(false);
            ranges++;
        }

        return $"{wangiri.Count + debtors.Count} labels (reported wangiri, a court-listed debtor), {optedIn.Count} subscribers blocking overseas calls, {ranges} premium-rate prefix rule";
    }

    private IEnumerable<ulong> Numbers(FraudKind kind, TruthRole role)
        => Truth.Entries.Where(t => t.Kind == kind && t.Role == role).Select(t => t.Number).Distinct();
}
