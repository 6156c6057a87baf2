using System.Text;

namespace FraudStream.LoadTest.Faults;

/// <summary>Records no CDR decoder should accept: garbage, oversized, deeply nested, wrongly encoded, empty and truncated.</summary>
internal static class PoisonPills
{
    public static List<byte[]> Generate(int seed = 13)
    {
        var random = new Random(seed);
        var pills = new List<byte[]>();
        for (var i = 0; i < 60; i++)
        {
            var garbage = new byte[random.Next(1, 600)];
            random.NextBytes(garbage);
            garbage[0] = (byte)'#'; // never a JSON object by accident
            pills.Add(garbage);
        }

        pills.Add(new byte[10_000]);
        pills.Add(Encoding.UTF8.GetBytes("{\"recordId\":\"" + new string('x', 500_000) + "\"}"));
        pills.Add(Encoding.UTF8.GetBytes(new string('[', 2_000) + new string(']', 2_000)));
        pills.Add(Encoding.Latin1.GetBytes("{\"recordId\":\"caf\u00e9\",\"type\":\"voice\"}"));
        pills.Add(Encoding.Unicode.GetBytes("{\"recordId\":\"utf16\"}"));
        pills.Add([]);
        pills.Add(Encoding.UTF8.GetBytes("{\"recordId\":\"half"));
        return pills;
    }
}
