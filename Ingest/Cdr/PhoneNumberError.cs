namespace FraudStream.Ingest.Cdr;

/// <summary>Why <see cref="PhoneNumberParser.TryParse"/> refused a caller or callee field.</summary>
public enum PhoneNumberError : byte
{
    /// <summary>The field is a valid number.</summary>
    None,

    /// <summary>The field is the empty string.</summary>
    Empty,

    /// <summary>Something other than ASCII digits follows the optional <c>+</c> or <c>00</c> (spaces, dashes, letters, a second '+').</summary>
    InvalidCharacter,

    /// <summary>Fewer than 7 digits after normalisation to E.164.</summary>
    TooShort,

    /// <summary>More than 15 digits after normalisation to E.164.</summary>
    TooLong,

    /// <summary>The leading digits are not an assigned ITU-T country calling code (or, for a national number, the home country code is not).</summary>
    UnknownCountryCode,
}
