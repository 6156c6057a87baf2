using System.Text;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Tests.Cdr;

[TestFixture]
public sealed class PhoneNumberParserTests
{
    private const ushort China = 86;

    [TestCase("+8613812345678", 8613812345678UL, 13, (ushort)86)]
    [TestCase("008613812345678", 8613812345678UL, 13, (ushort)86)]
    [TestCase("+447700900123", 447700900123UL, 12, (ushort)44)]
    [TestCase("00447700900123", 447700900123UL, 12, (ushort)44)]
    [TestCase("+12125550123", 12125550123UL, 11, (ushort)1)]
    [TestCase("+79161234567", 79161234567UL, 11, (ushort)7)]
    public void TryParse_international_forms_keep_their_own_country_code(string text, ulong value, int digits, ushort countryCode)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number, Is.EqualTo(new PhoneNumber(value, (byte)digits, countryCode)));
    }

    [Test]
    public void TryParse_double_zero_prefix_is_the_same_as_plus()
    {
        Parse("+8613812345678", China, out var plus);
        Parse("008613812345678", China, out var doubleZero);

        Assert.That(doubleZero, Is.EqualTo(plus));
        Assert.That(doubleZero.ToString(), Is.EqualTo("+8613812345678"));
    }

    [Test]
    public void TryParse_national_mobile_gets_home_country_code()
    {
        Assert.That(Parse("13812345678", China, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number, Is.EqualTo(new PhoneNumber(8613812345678, 13, 86)));
        Assert.That(number.ToString(), Is.EqualTo("+8613812345678"));
    }

    [Test]
    public void TryParse_national_landline_loses_its_trunk_zero()
    {
        Assert.That(Parse("01012345678", China, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number.ToString(), Is.EqualTo("+861012345678"));
        Assert.That(number.Digits, Is.EqualTo(12));
    }

    [Test]
    public void TryParse_uk_national_and_international_forms_are_the_same_number()
    {
        const ushort uk = 44;
        Assert.That(Parse("07700900123", uk, out var national), Is.EqualTo(PhoneNumberError.None));
        Assert.That(Parse("+447700900123", China, out var international), Is.EqualTo(PhoneNumberError.None));

        Assert.That(national, Is.EqualTo(international));
        Assert.That(national.CountryCode, Is.EqualTo(44));
        Assert.That(CountryCodes.Region(national.CountryCode), Is.EqualTo("GB"));
    }

    [TestCase("12125550123")]
    [TestCase("2125550123")]
    [TestCase("+12125550123")]
    public void TryParse_nanp_home_number_with_or_without_leading_one_is_the_same(string text)
    {
        Assert.That(Parse(text, 1, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number, Is.EqualTo(new PhoneNumber(12125550123, 11, 1)));
    }

    [TestCase("1234567890", "+11234567890")]
    [TestCase("123456789012", "+1123456789012")]
    [TestCase("02125550123", "+12125550123")]
    public void TryParse_nanp_home_number_of_other_lengths_gets_one_prepended(string text, string e164)
    {
        Assert.That(Parse(text, 1, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number.ToString(), Is.EqualTo(e164));
    }

    [Test]
    public void TryParse_eleven_digits_starting_with_one_are_national_outside_nanp()
    {
        // Only NANP's national form carries the country code; in China this is an ordinary national number.
        Assert.That(Parse("12125550123", China, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number.ToString(), Is.EqualTo("+8612125550123"));
        Assert.That(number.CountryCode, Is.EqualTo(86));
    }

    [TestCase("+1234567", "+1234567", 7)]
    [TestCase("+123456789012345", "+123456789012345", 15)]
    [TestCase("001234567", "+1234567", 7)]
    [TestCase("00123456789012345", "+123456789012345", 15)]
    public void TryParse_international_length_boundaries_are_accepted(string text, string e164, int digits)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number.Digits, Is.EqualTo(digits));
        Assert.That(number.ToString(), Is.EqualTo(e164));
    }

    [TestCase("+123456", PhoneNumberError.TooShort)]
    [TestCase("00123456", PhoneNumberError.TooShort)]
    [TestCase("+1234567890123456", PhoneNumberError.TooLong)]
    [TestCase("001234567890123456", PhoneNumberError.TooLong)]
    public void TryParse_international_one_digit_past_a_boundary_is_refused(string text, PhoneNumberError error)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(error));
        Assert.That(number, Is.EqualTo(default(PhoneNumber)));
    }

    // Home 86 adds two digits: 5 national digits make 7, 13 make 15; a trunk zero does not count.
    [TestCase("12345", PhoneNumberError.None, 7)]
    [TestCase("012345", PhoneNumberError.None, 7)]
    [TestCase("1234", PhoneNumberError.TooShort, 0)]
    [TestCase("01234", PhoneNumberError.TooShort, 0)]
    [TestCase("1234567890123", PhoneNumberError.None, 15)]
    [TestCase("01234567890123", PhoneNumberError.None, 15)]
    [TestCase("12345678901234", PhoneNumberError.TooLong, 0)]
    public void TryParse_national_length_counts_after_normalisation(string text, PhoneNumberError error, int digits)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(error));
        Assert.That(number.Digits, Is.EqualTo(digits));
    }

    [Test]
    public void TryParse_empty_field_is_empty()
    {
        Assert.That(PhoneNumberParser.TryParse([], China, out var number), Is.EqualTo(PhoneNumberError.Empty));
        Assert.That(number, Is.EqualTo(default(PhoneNumber)));
    }

    [TestCase("+", PhoneNumberError.TooShort)]
    [TestCase("00", PhoneNumberError.TooShort)]
    [TestCase("0", PhoneNumberError.TooShort)]
    public void TryParse_prefix_alone_is_too_short(string text, PhoneNumberError error)
        => Assert.That(Parse(text, China, out _), Is.EqualTo(error));

    [TestCase("+86 13812345678")]
    [TestCase("138-1234-5678")]
    [TestCase("(010)12345678")]
    [TestCase("++8613812345678")]
    [TestCase("+8613812345678 ")]
    [TestCase(" 13812345678")]
    [TestCase("0x8613812345678")]
    [TestCase("+86138/2345678")]  // the bytes either side of '0'..'9'
    [TestCase("+86138:2345678")]
    [TestCase("+86138123456７8")]
    [TestCase("tel:+8613812345678")]
    public void TryParse_anything_but_ascii_digits_after_the_prefix_is_an_invalid_character(string text)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(PhoneNumberError.InvalidCharacter));
        Assert.That(number, Is.EqualTo(default(PhoneNumber)));
    }

    [Test]
    public void TryParse_thousands_of_digits_are_too_long_without_overflow()
        => Assert.That(Parse(new string('9', 5000), China, out _), Is.EqualTo(PhoneNumberError.TooLong));

    [TestCase("+801234567")]      // 80x: only 800 and 808 are assigned
    [TestCase("+891234567")]      // 89 is spare
    [TestCase("+281234567")]      // 28 is spare
    [TestCase("+2101234567")]     // 210 is spare
    [TestCase("+3881234567")]     // 388 (ETNS) was withdrawn
    [TestCase("+8751234567")]     // reserved for maritime services, not assigned
    [TestCase("+9991234567")]     // reserved for a future global service
    [TestCase("+0861381234567")]  // a country code never starts with 0
    [TestCase("0008613812345678")]
    public void TryParse_unassigned_country_code_is_refused(string text)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(PhoneNumberError.UnknownCountryCode));
        Assert.That(number, Is.EqualTo(default(PhoneNumber)));
    }

    [TestCase((ushort)0)]
    [TestCase((ushort)4)]     // "4" + "013..." would read as Romania (40)
    [TestCase((ushort)12)]    // "12..." would read as NANP (1)
    [TestCase((ushort)28)]
    [TestCase((ushort)1000)]
    public void TryParse_national_number_with_unassigned_home_country_code_is_refused(ushort home)
    {
        Assert.That(Parse("13812345678", home, out _), Is.EqualTo(PhoneNumberError.UnknownCountryCode));
        Assert.That(Parse("+8613812345678", home, out var international), Is.EqualTo(PhoneNumberError.None),
            "an international number does not depend on the home country");
        Assert.That(international.CountryCode, Is.EqualTo(86));
    }

    [TestCase("+12125550123", (ushort)1)]
    [TestCase("+79161234567", (ushort)7)]
    [TestCase("+447700900123", (ushort)44)]
    [TestCase("+8613812345678", (ushort)86)]
    [TestCase("+85291234567", (ushort)852)]
    [TestCase("+8801712345678", (ushort)880)]
    [TestCase("+998901234567", (ushort)998)]
    [TestCase("+8816123456789", (ushort)881)]
    public void TryParse_country_code_of_one_two_or_three_digits_is_found(string text, ushort countryCode)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(PhoneNumberError.None));
        Assert.That(number.CountryCode, Is.EqualTo(countryCode));
    }

    [Test]
    public void IsInternationalFor_compares_with_the_home_country_code()
    {
        Parse("+85291234567", China, out var hongKong);
        Parse("13812345678", China, out var mainland);

        Assert.That(hongKong.IsInternationalFor(China), Is.True);
        Assert.That(mainland.IsInternationalFor(China), Is.False);
        Assert.That(hongKong.IsInternationalFor(852), Is.False);
    }

    [Test]
    public void FormatE164_writes_plus_and_digits_and_returns_the_length()
    {
        Parse("01012345678", China, out var number);
        Span<byte> buffer = stackalloc byte[16];
        buffer.Fill((byte)'#');

        var written = number.FormatE164(buffer);

        Assert.That(written, Is.EqualTo(13));
        Assert.That(Encoding.ASCII.GetString(buffer), Is.EqualTo("+861012345678###"));
    }

    [Test]
    public void FormatE164_fifteen_digits_fit_in_sixteen_bytes_and_not_fifteen()
    {
        Parse("+998123456789012", China, out var number);
        var bytes = new byte[16];

        Assert.That(number.FormatE164(bytes), Is.EqualTo(16));
        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo("+998123456789012"));
        Assert.That(() => number.FormatE164(new byte[15]), Throws.ArgumentException);
    }

    [TestCase("+8613812345678")]
    [TestCase("+1234567")]
    [TestCase("+447700900123")]
    [TestCase("+998123456789012")]
    public void FormatE164_output_parses_back_to_the_same_number(string text)
    {
        Assert.That(Parse(text, China, out var number), Is.EqualTo(PhoneNumberError.None));
        var bytes = new byte[16];
        var written = number.FormatE164(bytes);

        Assert.That(PhoneNumberParser.TryParse(bytes.AsSpan(0, written), 44, out var again), Is.EqualTo(PhoneNumberError.None));
        Assert.That(again, Is.EqualTo(number));
        Assert.That(Encoding.ASCII.GetString(bytes, 0, written), Is.EqualTo(text));
    }

    [Test]
    public void TryParse_and_FormatE164_allocate_nothing()
    {
        byte[][] inputs = [.. new[] { "+8613812345678", "008613812345678", "01012345678", "+86 138", "+801234567", "" }.Select(Encoding.ASCII.GetBytes)];
        var formatted = new byte[16];
        var written = 0;
        foreach (var input in inputs) // the first call loads the country-code table
            PhoneNumberParser.TryParse(input, China, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var input in inputs)
            {
                if (PhoneNumberParser.TryParse(input, China, out var number) == PhoneNumberError.None)
                    written += number.FormatE164(formatted);
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(written, Is.EqualTo(1000 * (14 + 14 + 13)), "three of the inputs are valid");
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void ToString_of_default_does_not_throw()
        => Assert.That(default(PhoneNumber).ToString(), Is.EqualTo("+0"));

    [Test]
    public void TryParse_random_bytes_never_throw_and_accepted_numbers_round_trip()
    {
        var random = new Random(20261122);
        ushort[] homes = [86, 1, 44, 852, 0, 999];
        var accepted = 0;
        var seen = new HashSet<PhoneNumberError>();
        var failures = new List<string>();
        var formatted = new byte[16];

        for (var i = 0; i < 10_000; i++)
        {
            var input = RandomInput(random);
            var home = homes[random.Next(homes.Length)];

            var error = PhoneNumberParser.TryParse(input, home, out var number);

            seen.Add(error);
            if (error != PhoneNumberError.None)
            {
                if (number != default)
                    failures.Add($"{Hex(input)}: refused with {error} but returned {number}");
                continue;
            }

            accepted++;
            var written = number.FormatE164(formatted);
            var againError = PhoneNumberParser.TryParse(formatted.AsSpan(0, written), 44, out var again);
            if (number.Digits is < 7 or > 15 || !CountryCodes.IsAssigned(number.CountryCode)
                || written != number.Digits + 1 || againError != PhoneNumberError.None || again != number)
                failures.Add($"{Hex(input)} (home {home}): {number} formatted as {Encoding.ASCII.GetString(formatted, 0, written)} parsed back as {againError} {again}");
        }

        Assert.That(failures, Is.Empty);
        Assert.That(accepted, Is.GreaterThan(1000), "the generator must produce enough valid numbers to test the round trip");
        Assert.That(seen, Is.EquivalentTo(Enum.GetValues<PhoneNumberError>()), "every outcome is exercised");
    }

    // A third raw bytes, a third phone-like characters, a third prefixed digit strings, so the fuzz reaches
    // every branch instead of stopping at InvalidCharacter.
    private static byte[] RandomInput(Random random)
    {
        var kind = random.Next(3);
        var length = random.Next(0, kind == 2 ? 19 : 25);
        var prefix = kind == 2 ? random.Next(4) switch { 0 => "+", 1 => "00", 2 => "0", _ => "" } : "";
        var bytes = new byte[prefix.Length + length];
        Encoding.ASCII.GetBytes(prefix, bytes);
        const string phoneLike = "+0123456789 -()";
        for (var i = prefix.Length; i < bytes.Length; i++)
        {
            bytes[i] = kind switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)phoneLike[random.Next(phoneLike.Length)],
                _ => (byte)('0' + random.Next(10)),
            };
        }
        return bytes;
    }

    private static PhoneNumberError Parse(string text, ushort home, out PhoneNumber number)
        => PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(text), home, out number);

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
