namespace FraudStream.Ingest.Cdr;

/// <summary>
/// The ITU-T E.164 assigned country calling codes, from the embedded <c>Cdr/country-calling-codes.csv</c>.
/// The list was compiled in November 2026 from the ITU-T "List of ITU-T Recommendation E.164 assigned
/// country codes" (annex to the ITU Operational Bulletin) and what is known of later assignments.
/// It holds the codes in service: geographic ones (one row per code; a code shared by several countries,
/// like 1 or 7, names them together) and the non-geographic global services (region <c>XX</c>).
/// Spare codes and codes only reserved for a future purpose (875-877, 879, 999) are left out, so a number
/// under them is refused. Edit the CSV when the ITU assigns or withdraws a code; the loader refuses
/// duplicates and codes that are a prefix of one another.
/// </summary>
public static class CountryCodes
{
    private static readonly CountryCodeTable s_table = CountryCodeTable.LoadEmbedded();

    private static readonly ulong[] s_powersOfTen =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ];

    /// <summary>
    /// The country code an E.164 number starts with: <paramref name="e164Value"/> is its digits after '+'
    /// as an integer and <paramref name="digits"/> their count. Returns 0 when the leading digits are not
    /// an assigned code, or when <paramref name="e164Value"/> does not have exactly <paramref name="digits"/> digits.
    /// </summary>
    public static ushort Match(ulong e164Value, int digits)
    {
        // 1..20 digits: ulong holds at most 20 decimal digits. More digits in the value than counted is refused
        // here; fewer (a lost leading zero) leaves the leading three below 100, where the table holds no code.
        if ((uint)(digits - 1) >= (uint)s_powersOfTen.Length)
            return 0;
        if (digits < s_powersOfTen.Length && e164Value >= s_powersOfTen[digits])
            return 0;

        var leadingThree = digits >= 3
            ? (int)(e164Value / s_powersOfTen[digits - 3])
            : (int)(e164Value * s_powersOfTen[3 - digits]);
        var code = s_table.ByLeadingThreeDigits(leadingThree);

        // A number shorter than three digits reads as if zero-padded: "85" must not match 850.
        if ((code >= 100 && digits < 3) || (code >= 10 && digits < 2))
            return 0;
        return code;
    }

    /// <summary>Whether <paramref name="code"/> is an assigned country calling code.</summary>
    public static bool IsAssigned(ushort code) => s_table.Name(code) is not null;

    /// <summary>The ISO 3166-1 alpha-2 region of the code (the main one for a shared code; <c>XX</c> for a global service), or null when unassigned.</summary>
    public static string? Region(ushort code) => s_table.Region(code);

    /// <summary>The English name of the country, countries or service behind the code, or null when unassigned.</summary>
    public static string? Name(ushort code) => s_table.Name(code);
}
