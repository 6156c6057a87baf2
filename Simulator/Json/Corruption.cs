namespace FraudStream.Simulator.Json;

/// <summary>How a deliberately malformed record is broken.</summary>
internal enum Corruption : byte
{
    None,

    /// <summary>Cut short: not a JSON document.</summary>
    Truncated,

    /// <summary>Not JSON at all: a line from some other system.</summary>
    NotJson,

    MissingCallee,
    NegativeDuration,

    /// <summary>A caller that is not an E.164 number.</summary>
    BadNumber,

    /// <summary>A <c>type</c> outside voice and sms.</summary>
    WrongType,
}
