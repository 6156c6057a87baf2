using System.Globalization;
using System.Text;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Features;
using FraudStream.Simulator;
using FraudStream.Simulator.Truth;
using Kind = FraudStream.Scoring.Decisions.FraudKind;
using SimKind = FraudStream.Simulator.FraudKind;

namespace FraudStream.Scoring.Tests.Detectors;

/// <summary>
/// Runs simulated traffic through both feature extractors and the standard rules, and scores the numbers the
/// rules flag against the simulator's ground truth, per kind.
/// </summary>
internal sealed class Evaluation
{
    /// <summary>Our kind, the role it names, and the simulator's kind and role it is judged against.</summary>
    public static readonly (Kind Kind, Role Role, SimKind Truth, TruthRole TruthRole)[] Rows =
    [
        (Kind.Wangiri, Role.Suspect, SimKind.Wangiri, TruthRole.Suspect),
        (Kind.Robocall, Role.Suspect, SimKind.Robocall, TruthRole.Suspect),
        (Kind.SmsFlood, Role.Suspect, SimKind.SmsFlood, TruthRole.Suspect),
        (Kind.Harassment, Role.Suspect, SimKind.Harassment, TruthRole.Suspect),
        (Kind.Harassment, Role.Victim, SimKind.Harassment, TruthRole.Victim),
        (Kind.Irsf, Role.Suspect, SimKind.Irsf, TruthRole.Suspect),
        (Kind.Simbox, Role.Suspect, SimKind.Simbox, TruthRole.Suspect),
        (Kind.CallBombing, Role.Victim, SimKind.CallBombing, TruthRole.Victim),
        (Kind.VictimWarning, Role.Victim, SimKind.Scam, TruthRole.Victim),
        (Kind.Scam, Role.Suspect, SimKind.Scam, TruthRole.Suspect),
    ];

    private readonly Dictionary<(Kind, Role), HashSet<ulong>> _flagged = [];
    private readonly Dictionary<(SimKind, TruthRole), HashSet<ulong>> _truth = [];
    private readonly HashSet<ulong> _callers = [];
    private readonly HashSet<ulong> _anyTruth = [];

    /// <param name="options">The simulation to score.</param>
    /// <param name="records">Records to simulate.</param>
    /// <param name="thresholds">The rules' thresholds.</param>
    /// <param name="historyDays">
    /// Days of the same population's legitimate traffic (no fraud) played first, ending where the scored run
    /// starts, and not scored: a carrier's pair memory holds days of who-called-whom, a fresh simulation none.
    /// </param>
    public Evaluation(SimulationOptions options, int records, Thresholds thresholds, double historyDays = 0)
    {
        var decoder = new CdrDecoder((ushort)options.HomeCountry);
        var featureOptions = new FeatureOptions();
        var outboundPairs = new PairRecency(22);
        var outbound = new FeatureExtractor(Side.Outbound, featureOptions, outboundPairs, (ushort)options.HomeCountry);
        var inbound = new FeatureExtractor(Side.Inbound, featureOptions, new PairRecency(22), (ushort)options.HomeCountry);
        var rules = DetectorSet.Standard(outboundPairs);
        var f = new FeatureVector();
        if (historyDays > 0)
            History(options, historyDays, decoder, outbound, inbound);

        var simulator = new TrafficSimulator(options with { ExpectedRecords = records });
        for (var i = 0; i < records; i++)
        {
            if (simulator.Next() != RecordOrigin.Original)
                continue;
            if (!decoder.Decode(simulator.Record, long.MaxValue / 2, out var e).IsOk)
                throw new AssertionException("the simulator wrote an invalid original record: " + Encoding.UTF8.GetString(simulator.Record));

            Events++;
            _callers.Add(e.Caller.Value);
            var decision = new Decision();
            outbound.Apply(e, ref f);
            rules.DetectOutbound(e, f, thresholds, ref decision);
            inbound.Apply(e, ref f);
            rules.DetectInbound(e, f, thresholds, ref decision);
            foreach (var d in decision.Detections)
                Flagged(d.Kind, d.Role).Add(d.Number.Value);
        }

        foreach (var t in simulator.Truth.Entries)
        {
            _anyTruth.Add(t.Number);
            if (!_truth.TryGetValue((t.Kind, t.Role), out var set))
                _truth[(t.Kind, t.Role)] = set = [];
            set.Add(t.Number);
        }
    }

    public long Events { get; }

    public long HistoryEvents { get; private set; }

    private void History(SimulationOptions options, double days, CdrDecoder decoder, FeatureExtractor outbound, FeatureExtractor inbound)
    {
        // Same seed and population: the same subscribers, contacts, families abroad and couriers as the scored run.
        var start = options.Start.AddDays(-days);
        var end = options.Start.ToUnixTimeMilliseconds();
        var probe = new TrafficSimulator(options with { NoFraud = true, Fraud = [], Start = start });
        var expected = (long)(probe.LegitimateEventsPerDay * (days + 0.5));
        var simulator = new TrafficSimulator(options with { NoFraud = true, Fraud = [], Start = start, ExpectedRecords = expected });
        var f = new FeatureVector();
        while (simulator.Emitted < expected)
        {
            if (simulator.Next() != RecordOrigin.Original || !decoder.Decode(simulator.Record, long.MaxValue / 2, out var e).IsOk)
                continue;
            if (e.StartTimeMs >= end)
                break;
            HistoryEvents++;
            outbound.Apply(e, ref f);
            inbound.Apply(e, ref f);
        }
    }

    /// <summary>
    /// Precision and recall of one row. Suspects are judged among numbers that placed at least one call or SMS:
    /// IRSF's premium destinations and wangiri numbers called back are in the truth as suspects too, but only
    /// ever receive calls; naming them is the prefix rules' job (the label replica), not a behaviour rule's.
    /// </summary>
    public Score Of(Kind kind, Role role, SimKind truthKind, TruthRole truthRole)
    {
        var flagged = Flagged(kind, role);
        var truth = _truth.TryGetValue((truthKind, truthRole), out var t) ? new HashSet<ulong>(t) : [];
        if (truthRole == TruthRole.Suspect)
            truth.IntersectWith(_callers);

        int hits = 0, otherFraud = 0;
        foreach (var n in flagged)
        {
            if (truth.Contains(n))
                hits++;
            else if (_anyTruth.Contains(n))
                otherFraud++;
        }

        return new Score(flagged.Count, truth.Count, hits, otherFraud);
    }

    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Events:N0} valid events scored, after {HistoryEvents:N0} events of history");
        sb.AppendLine("| kind | role | truth | flagged | correct | other fraud | precision | recall |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, role, truthKind, truthRole) in Rows)
        {
            var s = Of(kind, role, truthKind, truthRole);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind.ToWire()} | {role.ToString().ToLowerInvariant()} | {s.Truth} | {s.Flagged} | {s.Hits} | {s.OtherFraud} | {s.Precision:F3} | {s.Recall:F3} |");
        }

        return sb.ToString();
    }

    /// <summary>Flagged numbers of a row that are not in its truth, with the truth kinds they have if any.</summary>
    public string FalsePositives(Kind kind, Role role, SimKind truthKind, TruthRole truthRole)
    {
        var sb = new StringBuilder();
        var truth = _truth.TryGetValue((truthKind, truthRole), out var t) ? t : [];
        foreach (var n in Flagged(kind, role))
        {
            if (truth.Contains(n))
                continue;
            sb.Append(CultureInfo.InvariantCulture, $" +{n}");
            foreach (var ((k, r), set) in _truth)
            {
                if (set.Contains(n))
                    sb.Append(CultureInfo.InvariantCulture, $"[{k}/{r}]");
            }
        }

        return sb.ToString();
    }

    private HashSet<ulong> Flagged(Kind kind, Role role)
    {
        if (!_flagged.TryGetValue((kind, role), out var set))
            _flagged[(kind, role)] = set = [];
        return set;
    }

    /// <param name="Flagged">Numbers the rule flagged.</param>
    /// <param name="Truth">Numbers the ground truth holds for the row.</param>
    /// <param name="Hits">Flagged numbers in the truth.</param>
    /// <param name="OtherFraud">Flagged numbers that are fraud of another kind or role (wrong label, not a clean subscriber).</param>
    internal readonly record struct Score(int Flagged, int Truth, int Hits, int OtherFraud)
    {
        public double Precision => Flagged == 0 ? 0 : (double)Hits / Flagged;

        public double Recall => Truth == 0 ? 0 : (double)Hits / Truth;
    }
}
