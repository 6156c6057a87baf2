namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// Labels and policies as the one 64-bit word a <see cref="SingleWriterMap"/> slot holds (never 0).
/// Label: bits 0-3 category, 4-7 source, 8-11 action, 12 present, 13-63 expiry in Unix ms.
/// Policy: bit 0 block overseas, bit 1 warn, bit 8 present.
/// </summary>
internal static class Packing
{
    private const ulong Present = 1UL << 12;
    private const ulong PolicyPresent = 1UL << 8;

    public static ulong Pack(in LabelInfo label)
    {
        if ((ulong)label.ExpiresMs > LabelInfo.MaxExpiresMs)
            throw new ArgumentOutOfRangeException(nameof(label), label.ExpiresMs, "expiry out of range");
        return (ulong)label.Category | ((ulong)label.Source << 4) | ((ulong)label.Action << 8) | Present | ((ulong)label.ExpiresMs << 13);
    }

    public static LabelInfo UnpackLabel(ulong packed)
        => new((LabelCategory)(packed & 0xF), (LabelSource)((packed >> 4) & 0xF), (LabelAction)((packed >> 8) & 0xF), (long)(packed >> 13));

    public static ulong Pack(SubscriberPolicy policy)
        => PolicyPresent | (policy.BlockOverseas ? 1UL : 0) | (policy.Warn ? 2UL : 0);

    public static SubscriberPolicy UnpackPolicy(ulong packed) => new((packed & 1) != 0, (packed & 2) != 0);
}
