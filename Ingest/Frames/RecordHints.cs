namespace FraudStream.Ingest.Frames;

/// <summary>
/// What the caller stage tells the callee stage about one record besides the CDR itself: where it sorts in the
/// ordered merge (<see cref="Consuming.SourceOrder"/>), the caller's flood mark and the <see cref="HintFlags"/>.
/// </summary>
/// <param name="OrderKey">The source partition's ordering key (Unix ms, only grows); meaningful when <see cref="Sources"/> &gt; 0.</param>
/// <param name="Source">The caller-stage partition that forwarded the record.</param>
/// <param name="Sources">Partitions of the CDR topic; 0 when the record carries no ordering key.</param>
/// <param name="FloodMark">When the caller stage last saw the caller flooding a victim (Unix ms); 0 when none.</param>
/// <param name="Flags">Yes/no hints.</param>
/// <param name="Pursuit">
/// The caller's events to the callee in the hour (decayed) when the caller stage judged that the record pursues its
/// callee (harassment, named by the callee stage unless a pool floods the callee); negative: minus the unwanted events of
/// a pursuit kept up for hours; 0 when not.
/// </param>
public readonly record struct RecordHints(long OrderKey, int Source, int Sources, long FloodMark, HintFlags Flags, float Pursuit = 0)
{
    public bool HasOrder => Sources > 0;

    public bool IsOwnCallCopy => (Flags & HintFlags.OwnCallCopy) != 0;
}
