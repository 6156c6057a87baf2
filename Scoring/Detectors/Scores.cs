namespace FraudStream.Scoring.Detectors;

/// <summary>How sure a rule is: 0.5 at its threshold, rising to 1 at twice the threshold.</summary>
internal static class Scores
{
    public static float Over(float value, float threshold)
        => threshold > 0 ? Math.Clamp(0.5f + (0.5f * (value - threshold) / threshold), 0.5f, 1f) : 1f;

    /// <summary>Unanswered calls plus short answered ones, as a share of all calls.</summary>
    public static float ShortOrUnanswered(float unansweredRatio, float shortRatioOfAnswered)
        => unansweredRatio + ((1 - unansweredRatio) * shortRatioOfAnswered);
}
