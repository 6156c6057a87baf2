using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace FraudStream.Ingest.Cdr;

/// <summary>
/// An E.164 number held without allocation: <see cref="Value"/> is the digits after '+' read as an integer
/// (country code first, so never a leading zero), <see cref="Digits"/> their count (7..15),
/// <see cref="CountryCode"/> the ITU code (1..999). <see cref="PhoneNumberParser"/> makes valid ones.
/// </summary>
/// <param name="Value">The digits after '+', e.g. 8613812345678.</param>
/// <param name="Digits">How many digits <paramref name="Value"/> has, e.g. 13.</param>
/// <param name="CountryCode">The ITU-T country calling code <paramref name="Value"/> starts with, e.g. 86.</param>
public readonly record struct PhoneNumber(ulong Value, byte Digits, ushort CountryCode)
{
    // '+' and the 20 digits of the largest ulong: enough for a PhoneNumber built by hand from any values.
    /// <summary>Room <see cref="FormatE164"/> needs at most.</summary>
    public const int MaxFormattedLength = 21;

    /// <summary>Whether the number belongs to another country than <paramref name="homeCountryCode"/>.</summary>
    public bool IsInternationalFor(ushort homeCountryCode) => CountryCode != homeCountryCode;

    /// <summary>
    /// Writes the number as UTF-8 <c>+digits</c> and returns the bytes written: at most 16 for a parsed
    /// number (a '+' and up to 15 digits). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int FormatE164(Span<byte> destination)
    {
        var value = Value;
        // Digits governs; the actual digit count only matters for a hand-built number whose fields disagree,
        // which is written whole rather than truncated.
        var digits = Math.Max(Digits, CountDigits(value));
        if (destination.Length <= digits)
            ThrowDestinationTooShort(digits + 1, destination.Length);

        destination[0] = (byte)'+';
        for (var i = digits; i > 0; i--)
        {
            (value, var digit) = Math.DivRem(value, 10UL);
            destination[i] = (byte)('0' + (int)digit);
        }
        return digits + 1;
    }

    /// <summary>The number in E.164 form, e.g. <c>+8613812345678</c>.</summary>
    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        return Encoding.ASCII.GetString(buffer[..FormatE164(buffer)]);
    }

    private static int CountDigits(ulong value)
    {
        var count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }
        return count;
    }

    [DoesNotReturn]
    private static void ThrowDestinationTooShort(int needed, int length)
        => throw new ArgumentException($"The destination has {length} bytes; the number needs {needed}.", "destination");
}
