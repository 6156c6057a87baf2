using System.Globalization;

namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// A rule on every number starting with an E.164 digit prefix, e.g. <c>88213</c> (an IRSF premium range) or
/// <c>882</c> (a whole country code). The longest matching prefix wins. No references: safe for the hot path.
/// </summary>
/// <param name="Prefix">The prefix digits as an integer (E.164 never starts with 0, so no digit is lost).</param>
/// <param name="Length">How many digits the prefix has, 1 to 15.</param>
/// <param name="Action">What a matching call gets.</param>
/// <param name="Category">Why, in label terms.</param>
public readonly record struct PrefixRule(ulong Prefix, byte Length, LabelAction Action, LabelCategory Category)
{
    public const int MaxLength = 15;

    /// <summary>The prefix as typed, e.g. <c>88213</c>.</summary>
    public string Digits => Prefix.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses 1 to 15 digits not starting with 0 (or a leading '+', which is ignored).</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> text, out ulong prefix, out byte length)
    {
        prefix = 0;
        length = 0;
        if (!text.IsEmpty && text[0] == '+')
            text = text[1..];
        if (text.IsEmpty || text.Length > MaxLength || text[0] == '0' || text.ContainsAnyExceptInRange('0', '9'))
            return false;

        foreach (var c in text)
            prefix = (prefix * 10) + (ulong)(c - '0');
        length = (byte)text.Length;
        return true;
    }
}
