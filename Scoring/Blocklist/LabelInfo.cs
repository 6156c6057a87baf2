namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// What the replica knows about a labelled number on the hot path: no references. The reason text stays in
/// Redis (<see cref="BlocklistReplica.GetReasonAsync"/>).
/// </summary>
/// <param name="Category">What the number is labelled as.</param>
/// <param name="Source">Who labelled it.</param>
/// <param name="Action">What the label makes the scorer do.</param>
/// <param name="ExpiresMs">Unix milliseconds UTC at which the label stops applying; 0 = never.</param>
/// <param name="FromMs">
/// Event time (Unix ms) after which the label acts: an auto label's is the event time its detecting partition
/// had reached with the record that caused it, so a replay does not apply it to the records before that point.
/// 0 = on every record at once (labels set by people, and auto labels written before this field existed).
/// </param>
public readonly record struct LabelInfo(LabelCategory Category, LabelSource Source, LabelAction Action, long ExpiresMs, long FromMs = 0)
{
    /// <summary>Largest expiry the replica can hold (bits left after the packed fields): about year 73,000.</summary>
    public const long MaxExpiresMs = (1L << 51) - 1;

    /// <summary>Whether the label has expired at <paramref name="nowMs"/>.</summary>
    public bool IsExpiredAt(long nowMs) => ExpiresMs != 0 && ExpiresMs <= nowMs;

    /// <summary>Whether the label acts on a record of event time <paramref name="eventTimeMs"/> (see <see cref="FromMs"/>).</summary>
    public bool ActsOn(long eventTimeMs) => eventTimeMs > FromMs;
}
