namespace FraudStream.Ingest.Frames;

/// <summary>
/// Per-record hints a frame carries in one byte (<see cref="FrameFormat"/>). A reader keeps bits it does not
/// know (readers of an older version ignore them), so a new yes/no hint is one new value here, one line where
/// the caller stage sets it and one where the callee stage reads it: no format version change.
/// </summary>
[Flags]
public enum HintFlags : byte
{
    None = 0,

    /// <summary>
    /// A copy of a number's own call or SMS, sent to the caller's own partition of the callee topic: remembered there
    /// (whom the number called: victim warning, harassment), not scored; its identity for de-duplication is derived
    /// from the record's. Every call abroad of a home subscriber (the meaning before 2026-12-08, when it was the only
    /// one), and the first event of a pair in a day.
    /// </summary>
    OwnCallCopy = 1,
}
