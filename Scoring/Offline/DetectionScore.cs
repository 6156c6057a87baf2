using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Training;

namespace FraudStream.Scoring.Offline;

/// <summary>
/// Judges decisions against a ground truth by number, as an analyst counts them: per row (a kind and role FraudStream
/// reports, against the truth's kind and role), how many of the truth's numbers were named by that kind
/// (recall by their own kind), by any alert at all, and how fast; how many named numbers were right (precision);
/// and what share of legitimate numbers were named as suspects. Feed it every event in order through
/// <see cref="Observe"/> and the decisions through <see cref="Add"/>.
/// </summary>
public sealed class DetectionScore : IDecisionSink
{
    /// <summary>What FraudStream reports, and the truth's kind and role (<c>suspect</c>/<c>victim</c>) it is judged against.</summary>
    public static readonly IReadOnlyList<(FraudKind Kind, Role Role, string TruthKind, Role TruthRole)> Rows =
    [
        (FraudKind.Wangiri, Role.Suspect, "wangiri", Role.Suspect),
        (FraudKind.Robocall, Role.Suspect, "robocall", Role.Suspect),
        (FraudKind.SmsFlood, Role.Suspect, "sms_flood", Role.Suspect),
        (FraudKind.Harassment, Role.Suspect, "harassment", Role.Suspect),
        (FraudKind.Irsf, Role.Suspect, "irsf", Role.Suspect),
        (FraudKind.Simbox, Role.Suspect, "simbox", Role.Suspect),
        (FraudKind.Scam, Role.Suspect, "scam", Role.Suspect),
        (FraudKind.CallBombing, Role.Victim, "call_bombing", Role.Victim),
        (FraudKind.VictimWarning, Role.Victim, "scam", Role.Victim),
        (FraudKind.Harassment, Role.Victim, "harassment", Role.Victim),
    ];

    private readonly TruthSet _truth;
    private readonly Dictionary<ulong, long> _firstCall = [];
    private readonly Dictionary<ulong, long> _firstTargeted = [];
    private readonly Dictionary<(FraudKind, Role), HashSet<ulong>> _named = [];
    private readonly Dictionary<ulong, long> _firstAsSuspect = [];
    private readonly Dictionary<ulong, long> _firstAsVictim = [];

    public DetectionScore(TruthSet truth) => _truth = truth;

    public long Events { get; private set; }

    /// <summary>Notes who called whom when; call for every event, in order, before or while its decisions arrive.</summary>
    public void Observe(in CallEvent e)
    {
        Events++;
        _firstCall.TryAdd(e.Caller.Value, e.StartTimeMs);
        // A victim's ordeal starts with the first call from a fraud number.
        if (_truth.IsSuspect(e.Caller.Value) && _truth.VictimKinds.ContainsKey(e.Callee.Value))
            _firstTargeted.TryAdd(e.Callee.Value, e.StartTimeMs);
    }

    public void Add(in CallEvent e, in Decision decision)
    {
        foreach (ref readonly var d in decision.Detections)
        {
            if (d.Action == DecisionAction.Allow)
                continue;
            if (!_named.TryGetValue((d.Kind, d.Role), out var set))
                _named[(d.Kind, d.Role)] = set = [];
            set.Add(d.Number.Value);
            (d.Role == Role.Suspect ? _firstAsSuspect : _firstAsVictim).TryAdd(d.Number.Value, e.StartTimeMs);
        }
    }

    /// <summary>Distinct numbers that placed a call or SMS and are in no truth at all.</summary>
    public int LegitimateCallers => _firstCall.Keys.Count(n => !_truth.IsSuspect(n) && !_truth.VictimKinds.ContainsKey(n));

    /// <summary>Of <see cref="LegitimateCallers"/>, those named as a suspect of any kind.</summary>
    public int LegitimateNamedAsSuspects => _firstAsSuspect.Keys.Count(n => _firstCall.ContainsKey(n) && !_truth.IsSuspect(n) && !_truth.VictimKinds.ContainsKey(n));

    /// <summary>Legitimate callers named as suspects, as a share of all legitimate callers.</summary>
    public double LegitimateSuspectShare => LegitimateCallers == 0 ? 0 : (double)LegitimateNamedAsSuspects / LegitimateCallers;

    /// <summary>Legitimate callers named as suspects, each with the kinds it was named for.</summary>
    public IEnumerable<(ulong Number, string Kinds)> FalseSuspects()
    {
        foreach (var n in _firstAsSuspect.Keys)
        {
            if (!_firstCall.ContainsKey(n) || _truth.IsSuspect(n) || _truth.VictimKinds.ContainsKey(n))
                continue;
            var kinds = _named.Where(p => p.Key.Item2 == Role.Suspect && p.Value.Contains(n)).Select(p => p.Key.Item1.ToWire());
            yield return (n, string.Join('+', kinds));
        }
    }

    public RowScore Of(FraudKind kind, Role role, string truthKind, Role truthRole)
    {
        var truth = new HashSet<ulong>();
        var source = truthRole == Role.Suspect ? _truth.Suspects : _truth.VictimKinds;
        foreach (var (number, k) in source)
        {
            // Suspects are judged among numbers that placed calls: premium destinations only ever receive them
            // (the prefix rules' job); victims among those a fraud number reached.
            if (k == truthKind && (truthRole == Role.Suspect ? _firstCall.ContainsKey(number) : _firstTargeted.ContainsKey(number)))
                truth.Add(number);
        }

        var named = _named.TryGetValue((kind, role), out var set) ? set : [];
        var hits = named.Count(truth.Contains);
        var first = truthRole == Role.Suspect ? _firstAsSuspect : _firstAsVictim;
        var start = truthRole == Role.Suspect ? _firstCall : _firstTargeted;
        var delays = new List<double>();
        var byAny = 0;
        foreach (var n in truth)
        {
            if (!first.TryGetValue(n, out var at))
                continue;
            byAny++;
            // A suspect's clock starts at its fraud's first record where the truth knows it (a hijacked line, a
            // harasser's own phone: the owner's everyday calls before are not the fraud's).
            var from = truthRole == Role.Suspect && _truth.FraudStartMs.TryGetValue(n, out var fraudStart) ? Math.Max(fraudStart, start[n]) : start[n];
            delays.Add(Math.Max(0, at - from) / 1000.0);
        }

        delays.Sort();
        var median = delays.Count == 0 ? double.NaN : delays.Count % 2 == 1 ? delays[delays.Count / 2] : (delays[(delays.Count / 2) - 1] + delays[delays.Count / 2]) / 2;
        return new RowScore(truth.Count, named.Count, hits, byAny, median);
    }
}

/// <param name="Truth">Numbers the truth holds for the row (suspects that placed calls; victims a fraud number reached).</param>
/// <param name="Named">Distinct numbers named with the row's kind and role.</param>
/// <param name="Hits">Named numbers in the row's truth.</param>
/// <param name="ByAny">Truth numbers named in the row's role by any kind (the model included).</param>
/// <param name="MedianSeconds">Median event time from a suspect's first fraud record (its first call where the truth does not say) or a victim's first fraud call received to the first decision naming it.</param>
public readonly record struct RowScore(int Truth, int Named, int Hits, int ByAny, double MedianSeconds)
{
    public double Precision => Named == 0 ? double.NaN : (double)Hits / Named;

    public double Recall => Truth == 0 ? double.NaN : (double)Hits / Truth;

    public double RecallByAny => Truth == 0 ? double.NaN : (double)ByAny / Truth;
}
