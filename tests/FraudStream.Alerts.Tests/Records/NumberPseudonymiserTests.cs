using System.Security.Cryptography;
using System.Text;
using FraudStream.Alerts.Records;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Alerts.Tests.Records;

[TestFixture]
public sealed class NumberPseudonymiserTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";
    private static readonly PhoneNumber Number = new(8613800000002, 13, 86);
    private static readonly PhoneNumber Other = new(8613800000003, 13, 86);

    [Test]
    public void Pseudonym_is_h_and_the_first_16_bytes_of_hmac_sha256_over_the_e164_text_in_hex()
    {
        var expected = "h:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), "+8613800000002"u8).AsSpan(0, 16));

        Assert.That(Pseudonymiser(Key).Pseudonym(Number), Is.EqualTo(expected).And.Match("^h:[0-9a-f]{32}$"));
    }

    [Test]
    public void Same_number_and_key_give_the_same_pseudonym_across_instances_and_calls()
    {
        var first = Pseudonymiser(Key);
        var second = Pseudonymiser(Key);

        var once = first.Pseudonym(Number);
        var again = first.Pseudonym(Number);

        Assert.That(again, Is.EqualTo(once).And.EqualTo(second.Pseudonym(Number)));
        Assert.That(first.Pseudonym(Other), Is.Not.EqualTo(first.Pseudonym(Number)));
    }

    [Test]
    public void A_different_key_gives_a_different_pseudonym()
    {
        Assert.That(Pseudonymiser(Key + "2").Pseudonym(Number), Is.Not.EqualTo(Pseudonymiser(Key).Pseudonym(Number)));
    }

    [Test]
    public void A_key_shorter_than_32_bytes_is_refused()
    {
        Assert.That(() => new NumberPseudonymiser(new byte[31]), Throws.ArgumentException.With.Message.Contains("32 bytes"));
        Assert.That(NumberPseudonymiser.For(new PseudonymiseOptions { Enabled = false, Key = "" }), Is.Null);
    }

    [Test]
    public void Writing_a_pseudonym_allocates_nothing()
    {
        var pseudonyms = Pseudonymiser(Key);
        Span<byte> buffer = stackalloc byte[NumberPseudonymiser.Length];
        pseudonyms.Write(Number, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            pseudonyms.Write(new PhoneNumber(Number.Value + (ulong)i, 13, 86), buffer);

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static NumberPseudonymiser Pseudonymiser(string key) => NumberPseudonymiser.For(new PseudonymiseOptions { Enabled = true, Key = key })!;
}
