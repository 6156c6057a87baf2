using System.Text;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Tests.Cdr;

[TestFixture]
public sealed class CountryCodesTests
{
    [TestCase(12125550123UL, 11, (ushort)1)]
    [TestCase(79161234567UL, 11, (ushort)7)]
    [TestCase(447700900123UL, 12, (ushort)44)]
    [TestCase(8613812345678UL, 13, (ushort)86)]
    [TestCase(85291234567UL, 11, (ushort)852)]
    [TestCase(8801712345678UL, 13, (ushort)880)]
    [TestCase(998901234567UL, 12, (ushort)998)]
    [TestCase(8008001234UL, 10, (ushort)800)]
    public void Match_finds_codes_of_one_two_and_three_digits(ulong value, int digits, ushort code)
        => Assert.That(CountryCodes.Match(value, digits), Is.EqualTo(code));

    [TestCase(8012345678UL, 10)]
    [TestCase(891234567UL, 9)]
    [TestCase(281234567UL, 9)]
    [TestCase(2101234567UL, 10)]
    [TestCase(8751234567UL, 10)]
    [TestCase(9991234567UL, 10)]
    public void Match_unassigned_leading_digits_is_zero(ulong value, int digits)
        => Assert.That(CountryCodes.Match(value, digits), Is.Zero);

    [TestCase(8613812345678UL, 12)]
    [TestCase(8613812345678UL, 14)]
    [TestCase(0UL, 0)]
    [TestCase(0UL, 1)]
    [TestCase(5UL, -1)]
    [TestCase(5UL, 21)]
    public void Match_value_without_exactly_that_many_digits_is_zero(ulong value, int digits)
        => Assert.That(CountryCodes.Match(value, digits), Is.Zero);

    [TestCase(1UL, 1, (ushort)1)]
    [TestCase(7UL, 1, (ushort)7)]
    [TestCase(86UL, 2, (ushort)86)]
    [TestCase(85UL, 2, (ushort)0)]
    [TestCase(8UL, 1, (ushort)0)]
    [TestCase(852UL, 3, (ushort)852)]
    [TestCase(18446744073709551615UL, 20, (ushort)1)]
    public void Match_numbers_shorter_than_three_digits_only_match_codes_that_fit(ulong value, int digits, ushort code)
        => Assert.That(CountryCodes.Match(value, digits), Is.EqualTo(code));

    [Test]
    public void IsAssigned_region_and_name_describe_a_code()
    {
        Assert.That(CountryCodes.IsAssigned(86), Is.True);
        Assert.That(CountryCodes.Region(86), Is.EqualTo("CN"));
        Assert.That(CountryCodes.Name(86), Is.EqualTo("China"));
        Assert.That(CountryCodes.Region(1), Is.EqualTo("US"));
        Assert.That(CountryCodes.Name(1), Does.Contain("North American Numbering Plan").And.Contain(", CA,"));
        Assert.That(CountryCodes.Region(881), Is.EqualTo("XX"));
    }

    [TestCase((ushort)0)]
    [TestCase((ushort)80)]
    [TestCase((ushort)89)]
    [TestCase((ushort)999)]
    [TestCase((ushort)1000)]
    [TestCase(ushort.MaxValue)]
    public void IsAssigned_unassigned_code_is_false_with_no_region_or_name(ushort code)
    {
        Assert.That(CountryCodes.IsAssigned(code), Is.False);
        Assert.That(CountryCodes.Region(code), Is.Null);
        Assert.That(CountryCodes.Name(code), Is.Null);
    }

    [Test]
    public void Csv_has_no_duplicate_codes_and_no_code_is_a_prefix_of_another()
    {
        var codes = CsvRows().Select(row => row.Code).ToList();

        Assert.That(codes, Is.Unique);
        var prefixPairs = codes.SelectMany(a => codes.Where(b => a != b && b.StartsWith(a, StringComparison.Ordinal)).Select(b => $"{a}/{b}"));
        Assert.That(prefixPairs, Is.Empty);
        Assert.That(codes, Has.Count.InRange(215, 235));
    }

    [Test]
    public void Csv_rows_and_the_lookup_agree_for_every_code_from_1_to_999()
    {
        var rows = CsvRows().ToDictionary(row => ushort.Parse(row.Code), row => row.Region);

        for (ushort code = 1; code < 1000; code++)
        {
            Assert.That(CountryCodes.IsAssigned(code), Is.EqualTo(rows.ContainsKey(code)), $"code {code}");
            Assert.That(CountryCodes.Region(code), Is.EqualTo(rows.GetValueOrDefault(code)), $"region of {code}");
        }
    }

    [Test]
    public void Parse_well_formed_csv_with_quoted_names_loads_them()
    {
        var table = CountryCodeTable.Parse(new StringReader("code,region,name\n1,US,\"NANP (US, CA)\"\n44,GB,\"The \"\"UK\"\"\"\n\n852,HK,Hong Kong\n"));

        Assert.That(table.Count, Is.EqualTo(3));
        Assert.That(table.Name(1), Is.EqualTo("NANP (US, CA)"));
        Assert.That(table.Name(44), Is.EqualTo("The \"UK\""));
        Assert.That(table.ByLeadingThreeDigits(199), Is.EqualTo(1));
        Assert.That(table.ByLeadingThreeDigits(449), Is.EqualTo(44));
        Assert.That(table.ByLeadingThreeDigits(852), Is.EqualTo(852));
        Assert.That(table.ByLeadingThreeDigits(853), Is.Zero);
    }

    [TestCase("code,region,name\n44,GB,UK\n44,GB,UK again\n", "line 3", "listed twice")]
    [TestCase("code,region,name\n1,US,NANP\n12,XX,Inside NANP\n", "line 3", "prefix")]
    [TestCase("code,region,name\n852,HK,Hong Kong\n85,XX,Over 852\n", "line 3", "prefix")]
    [TestCase("code,region,name\n1,US,NANP (US, CA)\n", "line 2", "more than 3 fields")]
    [TestCase("code,region,name\n86,CN\n", "line 2", "2 fields")]
    [TestCase("code,region,name\n0,XX,Zero\n", "line 2", "not a country calling code")]
    [TestCase("code,region,name\n086,CN,China\n", "line 2", "not a country calling code")]
    [TestCase("code,region,name\n1000,XX,Too big\n", "line 2", "not a country calling code")]
    [TestCase("code,region,name\n86,cn,China\n", "line 2", "two capital letters")]
    [TestCase("code,region,name\n86,CN,\n", "line 2", "name is empty")]
    [TestCase("code,region,name\n86,CN,\"China\n", "line 2", "not closed")]
    [TestCase("code;region;name\n86;CN;China\n", "line 1", "header")]
    [TestCase("code,region,name\n", "line 1", "no country codes")]
    public void Parse_broken_csv_is_refused_with_the_line(string csv, string line, string reason)
        => Assert.That(() => CountryCodeTable.Parse(new StringReader(csv)),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains(line).And.Message.Contains(reason));

    private static IEnumerable<(string Code, string Region)> CsvRows()
    {
        using var stream = typeof(CountryCodes).Assembly.GetManifestResourceStream(CountryCodeTable.ResourceName);
        Assert.That(stream, Is.Not.Null, $"embedded resource {CountryCodeTable.ResourceName}");
        using var reader = new StreamReader(stream!, Encoding.UTF8);
        Assert.That(reader.ReadLine(), Is.EqualTo("code,region,name"));
        var rows = new List<(string, string)>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var fields = line.Split(',', 3);
            rows.Add((fields[0], fields[1]));
        }
        return rows;
    }
}
