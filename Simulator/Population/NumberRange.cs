using System.Globalization;
using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// A block of E.164 numbers: country code, the digits every number of the block starts with (country code
/// included) and the total length, written <c>cc|rest:total</c>, e.g. <c>882|16:12</c> for +88216xxxxxxx.
/// </summary>
internal readonly record struct NumberRange(int CountryCode, ulong Prefix, int PrefixDigits, int TotalDigits)
{
    public static NumberRange Parse(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var cc = text[..bar];
        var prefix = cc + text[(bar + 1)..colon];
        var total = int.Parse(text.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        if (total > 15 || total <= prefix.Length)
            throw new ArgumentException($"'{text}' is not an E.164 range.", nameof(text));
        return new NumberRange(int.Parse(cc, CultureInfo.InvariantCulture), ulong.Parse(prefix, CultureInfo.InvariantCulture), prefix.Length, total);
    }

    /// <summary>A uniformly random number of the block.</summary>
    public ulong Draw(Rng rng)
    {
        var free = Digits.Pow10(TotalDigits - PrefixDigits);
        return (Prefix * free) + rng.NextUInt64(free);
    }

    /// <summary>The number of the block whose free digits are <paramref name="suffix"/> (for consecutive SIM batches).</summary>
    public ulong At(ulong suffix) => (Prefix * Digits.Pow10(TotalDigits - PrefixDigits)) + suffix;
}
