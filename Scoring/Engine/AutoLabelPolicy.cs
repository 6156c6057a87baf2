using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Engine;

/// <summary>
/// Which suspect detections the closed loop turns into an <c>auto</c> label, with which category and for how long.
/// One policy serves both halves of the loop: the partition that detects a number labels it in its own state at
/// once (<see cref="PartitionScorer.AutoLabels"/>), and the pipeline writes the same label to Redis for everyone else.
/// </summary>
public sealed class AutoLabelPolicy
{
    private readonly double[] _minScore;

    /// <param name="minScore">Minimum score per kind; a kind not listed is never labelled.</param>
    /// <param name="ttl">How long a label lives (partition-local labels: in event time from the detection).</param>
    public AutoLabelPolicy(IEnumerable<KeyValuePair<FraudKind, double>> minScore, TimeSpan ttl)
    {
        _minScore = new double[FraudKinds.All.Count];
        Array.Fill(_minScore, double.PositiveInfinity);
        foreach (var (kind, score) in minScore)
            _minScore[(int)kind] = score;
        Ttl = ttl;
    }

    public TimeSpan Ttl { get; }

    /// <summary>Whether a suspect detection of <paramref name="kind"/> at <paramref name="score"/> is confident enough to label.</summary>
    public bool IsConfident(FraudKind kind, float score) => score >= _minScore[(int)kind];

    /// <summary>The label category an auto label of <paramref name="kind"/> gets (its default action follows).</summary>
    public static LabelCategory CategoryOf(FraudKind kind) => kind switch
    {
        FraudKind.Wangiri => LabelCategory.Wangiri,
        FraudKind.Robocall => LabelCategory.Robocall,
        FraudKind.SmsFlood => LabelCategory.Spam,
        FraudKind.Harassment => LabelCategory.Harassment,
        FraudKind.CallBombing => LabelCategory.Bombing,
        FraudKind.Scam => LabelCategory.Scam,
        _ => LabelCategory.Fraud,
    };
}
