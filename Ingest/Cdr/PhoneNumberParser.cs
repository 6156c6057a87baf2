namespace FraudStream.Ingest.Cdr;

/// <summary>Parses the caller and callee fields of a CDR (contract: <c>docs/contracts/cdr-v1.md</c>).</summary>
public static class PhoneNumberParser
{
    private const int MinDigits = 7;
    private const int MaxDigits = 15;
    private const ushort NorthAmericanNumberingPlan = 1;

    /// <summary>
    /// Parses a caller/callee field (UTF-8, already unescaped JSON string content) and normalises it to E.164:
    /// <c>+digits</c> and <c>00digits</c> are international; other digits are national, lose one trunk
    /// <c>0</c> and get <paramref name="homeCountryCode"/> in front (with home 1, an 11-digit national number
    /// starting with 1 already carries it). Allocates nothing and never throws, whatever the bytes.
    /// </summary>
    /// <returns><see cref="PhoneNumberError.None"/> and the number, or the reason and <c>default</c>.</returns>
    public static PhoneNumberError TryParse(ReadOnlySpan<byte> utf8, ushort homeCountryCode, out PhoneNumber number)
    {
        number = default;
        if (utf8.IsEmpty)
            return PhoneNumberError.Empty;

        var international = true;
        if (utf8[0] == (byte)'+')
            utf8 = utf8[1..];
        else if (utf8.Length >= 2 && utf8[0] == (byte)'0' && utf8[1] == (byte)'0')
            utf8 = utf8[2..];
        else
            international = false;

        if (utf8.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return PhoneNumberError.InvalidCharacter;

        ulong prefix = 0;
        var prefixDigits = 0;
        if (!international)
        {
            if (!CountryCodes.IsAssigned(homeCountryCode))
                return PhoneNumberError.UnknownCountryCode;

            // NANP's national form is the trunk prefix 1 followed by 10 digits, the same digits as E.164.
            var carriesCountryCode = homeCountryCode == NorthAmericanNumberingPlan && utf8.Length == 11 && utf8[0] == (byte)'1';
            if (!carriesCountryCode)
            {
                if (!utf8.IsEmpty && utf8[0] == (byte)'0')
                    utf8 = utf8[1..];
                prefix = homeCountryCode;
                prefixDigits = homeCountryCode < 10 ? 1 : homeCountryCode < 100 ? 2 : 3;
            }
        }

        // Checked before accumulating, so the value below never overflows.
        var digits = prefixDigits + utf8.Length;
        if (digits < MinDigits)
            return PhoneNumberError.TooShort;
        if (digits > MaxDigits)
            return PhoneNumberError.TooLong;

        var value = prefix;
        foreach (var digit in utf8)
            value = value * 10 + (ulong)(digit - (byte)'0');

        // A leading zero ("+0086...") leaves the value with fewer digits than counted, which Match refuses:
        // no country code starts with 0.
        var countryCode = CountryCodes.Match(value, digits);
        if (countryCode == 0)
            return PhoneNumberError.UnknownCountryCode;

        number = new PhoneNumber(value, (byte)digits, countryCode);
        return PhoneNumberError.None;
    }
}
