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
    /// A copy of a home subscriber's call or SMS abroad, sent to the caller's own partition of the callee topic
    /// (victim warning): remembered there, not scored; its identity for de-duplication is derived from the record's.
    /// </summary>
    CallAbroadCopy = 1,
}
