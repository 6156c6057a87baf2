namespace FraudStream.Scoring.Blocklist;

/// <summary>What a label or prefix rule makes the scorer do with a call, mildest first.</summary>
public enum LabelAction : byte
{
    /// <summary>Show the label (e.g. "debtor") to the callee; the call goes through.</summary>
    Label,

    /// <summary>Warn the callee before the call is connected.</summary>
    Warn,

    /// <summary>Do not connect the call.</summary>
    Block,

    /// <summary>Never block or warn: overrides every other rule. Only the <see cref="LabelCategory.Allow"/> category has it.</summary>
    Allow,
}
