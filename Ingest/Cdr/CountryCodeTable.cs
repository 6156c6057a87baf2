using System.Text;

namespace FraudStream.Ingest.Cdr;

/// <summary>
/// The lookup tables behind <see cref="CountryCodes"/>, parsed from <c>country-calling-codes.csv</c>.
/// Separate from the facade so tests can feed it broken data and see it refused.
/// </summary>
internal sealed class CountryCodeTable
{
    internal const string ResourceName = "FraudStream.Ingest.Cdr.country-calling-codes.csv";
    internal const string Header = "code,region,name";

    // Indexed by the number's leading three digits (100..999). A 1- or 2-digit code fills the 100 or 10
    // cells it is a prefix of, so one array read finds the code whatever its length. E.164 codes are
    // prefix-free, so no cell is claimed twice.
    private readonly ushort[] _byLeadingThreeDigits = new ushort[1000];
    private readonly string?[] _regions = new string?[1000];
    private readonly string?[] _names = new string?[1000];

    private CountryCodeTable()
    {
    }

    public int Count { get; private set; }

    public ushort ByLeadingThreeDigits(int leadingThreeDigits) => _byLeadingThreeDigits[leadingThreeDigits];

    public string? Region(ushort code) => code < _regions.Length ? _regions[code] : null;

    public string? Name(ushort code) => code < _names.Length ? _names[code] : null;

    public static CountryCodeTable LoadEmbedded()
    {
        using var stream = typeof(CountryCodeTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from FraudStream.Ingest.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    /// <summary>Reads <c>code,region,name</c> rows (RFC 4180 quoting); throws on anything it cannot trust.</summary>
    /// <exception cref="InvalidDataException">The data is malformed, has a duplicate code or breaks the prefix property.</exception>
    public static CountryCodeTable Parse(TextReader csv)
    {
        var table = new CountryCodeTable();
        var header = csv.ReadLine();
        if (header != Header)
            throw Invalid(1, $"expected the header '{Header}', found '{header}'");

        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            table.Add(lineNumber, line);
        }

        if (table.Count == 0)
            throw Invalid(lineNumber, "no country codes");
        return table;
    }

    private void Add(int lineNumber, string line)
    {
        var fields = SplitFields(lineNumber, line);
        var codeText = fields[0];
        if (codeText.Length is < 1 or > 3 || codeText[0] is < '1' or > '9' || !ushort.TryParse(codeText, out var code))
            throw Invalid(lineNumber, $"'{codeText}' is not a country calling code (1 to 999, no leading zero)");
        var region = fields[1];
        if (region.Length != 2 || !char.IsAsciiLetterUpper(region[0]) || !char.IsAsciiLetterUpper(region[1]))
            throw Invalid(lineNumber, $"region '{region}' is not two capital letters");
        if (string.IsNullOrWhiteSpace(fields[2]))
            throw Invalid(lineNumber, "the name is empty");
        if (_names[code] is not null)
            throw Invalid(lineNumber, $"code {code} is listed twice");

        var width = code < 10 ? 100 : code < 100 ? 10 : 1;
        var first = code * width;
        for (var i = first; i < first + width; i++)
        {
            if (_byLeadingThreeDigits[i] != 0)
                throw Invalid(lineNumber, $"codes {_byLeadingThreeDigits[i]} and {code} overlap: one is a prefix of the other");
            _byLeadingThreeDigits[i] = code;
        }

        _regions[code] = region;
        _names[code] = fields[2];
        Count++;
    }

    private static string[] SplitFields(int lineNumber, string line)
    {
        var fields = new string[3];
        var field = 0;
        var position = 0;
        var text = new StringBuilder();
        while (true)
        {
            if (field == fields.Length)
                throw Invalid(lineNumber, $"more than {fields.Length} fields (quote a name that contains a comma)");

            text.Clear();
            if (position < line.Length && line[position] == '"')
            {
                position++;
                while (true)
                {
                    if (position >= line.Length)
                        throw Invalid(lineNumber, "a quoted field is not closed");
                    if (line[position] == '"')
                    {
                        if (position + 1 < line.Length && line[position + 1] == '"')
                        {
                            text.Append('"');
                            position += 2;
                            continue;
                        }
                        position++;
                        break;
                    }
                    text.Append(line[position++]);
                }
                if (position < line.Length && line[position] != ',')
                    throw Invalid(lineNumber, "text after a closing quote");
            }
            else
            {
                var end = line.IndexOf(',', position);
                if (end < 0)
                    end = line.Length;
                text.Append(line, position, end - position);
                position = end;
            }

            fields[field++] = text.ToString();
            if (position >= line.Length)
                break;
            position++; // the comma
        }

        if (field != fields.Length)
            throw Invalid(lineNumber, $"{field} fields, expected {fields.Length} ({Header})");
        return fields;
    }

    private static InvalidDataException Invalid(int lineNumber, string what) => new($"country-calling-codes.csv line {lineNumber}: {what}");
}
