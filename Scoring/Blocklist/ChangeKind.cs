namespace FraudStream.Scoring.Blocklist;

/// <summary>What a change-log entry does; its letter in Redis in brackets.</summary>
internal enum ChangeKind : byte
{
    /// <summary>(L) a label was added or replaced.</summary>
    LabelSet,

    /// <summary>(R) a label was removed or expired.</summary>
    LabelRemoved,

    /// <summary>(P) a subscriber policy was set; all options off means removed.</summary>
    PolicySet,

    /// <summary>(X) a prefix rule was added or replaced.</summary>
    PrefixSet,

    /// <summary>(Y) a prefix rule was removed.</summary>
    PrefixRemoved,
}
