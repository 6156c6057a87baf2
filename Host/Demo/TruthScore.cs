using FraudStream.Simulator;
using FraudStream.Simulator.Truth;

namespace FraudStream.Host.Demo;

/// <summary>
/// Precision and recall of the alerts against the simulator's ground truth, per fraud kind, by number:
/// a flagged number is correct when the truth holds it for that kind and role.
/// </summary>
internal sealed class TruthScore
{
    /// <summary>Alert kind and role, and the simulated kind and role it is judged against.</summary>
    public static readonly (string Kind, string Role, FraudKind Truth, TruthRole TruthRole)[] Rows =
    [
        ("wangiri", "suspect", FraudKind.Wangiri, TruthRole.Suspect),
        ("robocall", "suspect", FraudKind.Robocall, TruthRole.Suspect),
        ("sms_flood", "suspect", FraudKind.SmsFlood, TruthRole.Suspect),
        ("harassment", "suspect", FraudKind.Harassment, TruthRole.Suspect),
        ("irsf", "suspect", FraudKind.Irsf, TruthRole.Suspect),
        ("simbox", "suspect", FraudKind.Simbox, TruthRole.Suspect),
        ("call_bombing", "victim", FraudKind.CallBombing, TruthRole.Victim),
        ("victim_warning", "victim", FraudKind.Scam, TruthRole.Victim),
        ("scam", "suspect", FraudKind.Scam, TruthRole.Suspect),
    ];

    private readonly Dictionary<(FraudKind, TruthRole), HashSet<ulong>> _truth = [];
    private readonly HashSet<ulong> _anyFraud = [];
    private readonly HashSet<ulong> _anySuspect = [];
    private readonly HashSet<ulong> _callers;

    /// <param name="truth">The simulator's truth for the records produced.</param>
    /// <param name="callers">Numbers that placed a call or SMS: suspects that only ever receive calls (premium destinations) are the prefix rules' job, not a behaviour rule's.</param>
    public TruthScore(GroundTruth truth, HashSet<ulong> callers)
    {
        _callers = callers;
        foreach (var t in truth.Entries)
        {
            if (!_truth.TryGetValue((t.Kind, t.Role), out var set))
                _truth[(t.Kind, t.Role)] = set = [];
            set.Add(t.Number);
            _anyFraud.Add(t.Number);
            if (t.Role == TruthRole.Suspect)
                _anySuspect.Add(t.Number);
        }
    }

    public Score Of(IReadOnlyCollection<ulong> flagged, FraudKind kind, TruthRole role)
    {
        var truth = _truth.TryGetValue((kind, role), out var t) ? new HashSet<ulong>(t) : [];
        if (role == TruthRole.Suspect)
            truth.IntersectWith(_callers);
        return Judge(flagged, truth);
    }

    /// <summary>ml_fraud is judged against every simulated suspect that placed calls: the model learns fraud, not a kind.</summary>
    public Score OfAnySuspect(IReadOnlyCollection<ulong> flagged)
    {
        var truth = new HashSet<ulong>(_anySuspect);
        truth.IntersectWith(_callers);
        return Judge(flagged, truth);
    }

    private Score Judge(IReadOnlyCollection<ulong> flagged, HashSet<ulong> truth)
    {
        int hits = 0, otherFraud = 0;
        foreach (var n in flagged)
        {
            if (truth.Contains(n))
                hits++;
            else if (_anyFraud.Contains(n))
                otherFraud++;
        }

        return new Score(flagged.Count, truth.Count, hits, otherFraud);
    }

    /// <param name="Flagged">Distinct numbers alerted.</param>
    /// <param name="Truth">Numbers the truth holds for the row.</param>
    /// <param name="Hits">Alerted numbers in the truth.</param>
    /// <param name="OtherFraud">Alerted numbers that are fraud of another kind or role.</param>
    internal readonly record struct Score(int Flagged, int Truth, int Hits, int OtherFraud)
    {
        public double Precision => Flagged == 0 ? double.NaN : (double)Hits / Flagged;

        public double Recall => Truth == 0 ? double.NaN : (double)Hits / Truth;
    }
}
