using System.Security.Cryptography;
using System.Text;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Alerts.Records;

/// <summary>
/// Turns a number into its keyed pseudonym: <c>h:</c> followed by the first 16 bytes, as 32 lowercase hex
/// characters, of HMAC-SHA256(key, the number's E.164 text in UTF-8, e.g. <c>+8613800138000</c>). The same number
/// and key always give the same pseudonym. One instance per alert writer: the HMAC is keyed once and reused
/// (not thread-safe), and a pseudonym is written into the caller's buffer without allocating.
/// </summary>
public sealed class NumberPseudonymiser
{
    /// <summary>The length of every pseudonym: <c>h:</c> and 32 hex characters.</summary>
    public const int Length = 2 + (2 * TruncatedBytes);

    private const int TruncatedBytes = 16;

    private readonly HMACSHA256 _hmac;

    /// <param name="key">The HMAC key; at least <see cref="PseudonymiseOptions.MinKeyBytes"/> bytes.</param>
    public NumberPseudonymiser(ReadOnlySpan<byte> key)
    {
        if (key.Length < PseudonymiseOptions.MinKeyBytes)
            throw new ArgumentException($"a pseudonymisation key needs at least {PseudonymiseOptions.MinKeyBytes} bytes", nameof(key));
        _hmac = new HMACSHA256(key.ToArray());
    }

    /// <summary>A pseudonymiser for the options' key, or null when pseudonymisation is off.</summary>
    public static NumberPseudonymiser? For(PseudonymiseOptions options)
        => options.Enabled ? new NumberPseudonymiser(Encoding.UTF8.GetBytes(options.Key)) : null;

    /// <summary>Writes the pseudonym of <paramref name="number"/> (<see cref="Length"/> ASCII bytes) and returns its length.</summary>
    public int Write(PhoneNumber number, Span<byte> destination)
    {
        Span<byte> text = stackalloc byte[PhoneNumber.MaxFormattedLength];
        var length = number.FormatE164(text);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _hmac.TryComputeHash(text[..length], mac, out _);

        destination[0] = (byte)'h';
        destination[1] = (byte)':';
        for (var i = 0; i < TruncatedBytes; i++)
        {
            destination[2 + (2 * i)] = Hex(mac[i] >> 4);
            destination[3 + (2 * i)] = Hex(mac[i] & 0xF);
        }

        return Length;
    }

    /// <summary>The pseudonym of <paramref name="number"/> as a string.</summary>
    public string Pseudonym(PhoneNumber number)
    {
        Span<byte> text = stackalloc byte[Length];
        return Encoding.ASCII.GetString(text[..Write(number, text)]);
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
