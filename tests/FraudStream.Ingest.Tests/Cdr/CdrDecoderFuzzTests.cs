using System.Text;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Tests.Cdr;

/// <summary>
/// Throws random and mutated inputs at the decoder: no exception may escape, and every input must end as
/// either a plausible event or an error with a reason — the two outcomes a record can have in the pipeline.
/// </summary>
[TestFixture]
public sealed class CdrDecoderFuzzTests
{
    private const int Inputs = 12_000;
    private static readonly string[] s_valid =
    [
        TestCdrs.Voice(),
        TestCdrs.Voice(recordId: "w-1", caller: "+88213000001", answered: false, duration: 0, ring: 2),
        TestCdrs.Sms(extra: ",\"cellId\":\"c-1\",\"imei\":\"356938035643809\""),
        TestCdrs.Voice(caller: "13800000001", callee: "0044207946000", extra: ",\"vendor\":{\"x\":[1,2]}"),
    ];

    [Test]
    public void Decode_random_and_mutated_inputs_never_throw_and_always_classify()
    {
        var decoder = new CdrDecoder(86, 4096);
        var random = new Random(20261122);
        int valid = 0, invalid = 0;
        var codes = new HashSet<CdrError>();

        for (var i = 0; i < Inputs; i++)
        {
            var input = Generate(random, i);
            DecodeResult result;
            CallEvent e;
            try
            {
                result = decoder.Decode(input, TestCdrs.Now, out e);
            }
            catch (Exception ex)
            {
                Assert.Fail($"input #{i} ({Convert.ToBase64String(input)}) threw {ex}");
                return;
            }

            if (result.IsOk)
            {
                valid++;
                Assert.That(e.RecordId.ToString(), Is.Not.Empty, $"input #{i}");
                Assert.That(e.Caller.Digits, Is.InRange(7, 15), $"input #{i}");
                Assert.That(e.Callee.Digits, Is.InRange(7, 15), $"input #{i}");
                Assert.That(e.StartTimeMs, Is.InRange(CdrDecoder.MinStartTimeMs, TestCdrs.Now + CdrDecoder.MaxFutureMs), $"input #{i}");
                Assert.That(e.DurationSec, Is.InRange(0f, (float)CdrDecoder.MaxDurationSec), $"input #{i}");
            }
            else
            {
                invalid++;
                codes.Add(result.Error);
                Assert.That(result.Message, Is.Not.Null.And.Not.Empty, $"input #{i} has no reason");
            }
        }

        // The fuzzing must actually reach both outcomes and many kinds of error to mean anything.
        Assert.That(valid, Is.GreaterThan(Inputs / 20));
        Assert.That(invalid, Is.GreaterThan(Inputs / 2));
        Assert.That(codes, Has.Count.GreaterThanOrEqualTo(7), string.Join(",", codes));
    }

    private static byte[] Generate(Random random, int i)
    {
        var seed = Encoding.UTF8.GetBytes(s_valid[i % s_valid.Length]);
        return (i % 10) switch
        {
            0 => RandomBytes(random, random.Next(0, 300)),
            1 => FlipBytes(random, seed, random.Next(1, 4)),
            2 => seed[..random.Next(0, seed.Length)],
            3 => Insert(random, seed, RandomBytes(random, random.Next(1, 8))),
            4 => Encoding.UTF8.GetBytes(ReplaceValue(random, s_valid[i % s_valid.Length])),
            5 => Encoding.Unicode.GetBytes(s_valid[i % s_valid.Length]),
            6 => Encoding.UTF8.GetBytes(TestCdrs.Voice(extra: ",\"deep\":" + new string('[', random.Next(1, 40)) + new string(']', random.Next(1, 40)))),
            7 => Encoding.UTF8.GetBytes(TestCdrs.Voice(recordId: new string('r', random.Next(1, 5000)))),
            8 => DeleteField(random, seed),
            _ => seed, // valid records must stay valid among the noise
        };
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipBytes(Random random, byte[] seed, int flips)
    {
        var bytes = (byte[])seed.Clone();
        for (var f = 0; f < flips && bytes.Length > 0; f++)
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    private static byte[] Insert(Random random, byte[] seed, byte[] junk)
    {
        var at = random.Next(seed.Length + 1);
        return [.. seed[..at], .. junk, .. seed[at..]];
    }

    private static byte[] DeleteField(Random random, byte[] seed)
    {
        var text = Encoding.UTF8.GetString(seed);
        var fields = text.Trim('{', '}').Split(',');
        var keep = fields.Where((_, index) => index != random.Next(fields.Length));
        return Encoding.UTF8.GetBytes("{" + string.Join(",", keep) + "}");
    }

    private static string ReplaceValue(Random random, string json)
    {
        string[] replacements = ["null", "true", "-1", "1e400", "\"\"", "[]", "{}", "\"+\"", "\"2026-13-45T99:99:99Z\"", "0.0000001", "\"\\ud800\""];
        var fields = json.Trim('{', '}').Split(',');
        var index = random.Next(fields.Length);
        var colon = fields[index].IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
            fields[index] = fields[index][..(colon + 1)] + replacements[random.Next(replacements.Length)];
        return "{" + string.Join(",", fields) + "}";
    }
}
