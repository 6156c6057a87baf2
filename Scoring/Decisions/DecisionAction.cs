namespace FraudStream.Scoring.Decisions;

/// <summary>What to do with a call, ordered by strength: a stronger action wins when detections are combined.</summary>
public enum DecisionAction : byte
{
    Allow,

    /// <summary>Let it through and show a label to the callee ("suspected fraud").</summary>
    Label,

    /// <summary>Let it through and warn the subscriber (e.g. a victim being scammed).</summary>
    Warn,

    Block,
}
