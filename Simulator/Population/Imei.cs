using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>15-digit IMEIs: an 8-digit type allocation code, a 6-digit serial and the Luhn check digit.</summary>
internal static class Imei
{
    // Type allocation codes of common handset models (35... GSMA-allocated, 86... Chinese makers).
    private static readonly ulong[] s_tacs = [35332011, 35391110, 35875609, 35456710, 86753104, 86891204, 86408705, 86015803, 86798604, 35290611];

    /// <summary>A handset of a common model.</summary>
    public static ulong Handset(Rng rng) => Make(s_tacs[rng.Next(s_tacs.Length)], rng);

    /// <summary>A GSM gateway (SIM box) module: an unusual type allocation code.</summary>
    public static ulong Gateway(Rng rng) => Make(86_0000_00UL + (ulong)rng.Next(10_000) * 10, rng);

    private static ulong Make(ulong tac, Rng rng)
    {
        var body = (tac * 1_000_000) + (ulong)rng.Next(1_000_000);
        return (body * 10) + LuhnCheck(body);
    }

    /// <summary>The check digit that makes the 15 digits pass the Luhn test.</summary>
    public static ulong LuhnCheck(ulong body14)
    {
        var sum = 0UL;
        for (var i = 0; i < 14; i++, body14 /= 10)
        {
            // From the right, every other digit starting with the one beside the check digit is doubled.
            var d = body14 % 10;
            if (i % 2 == 0)
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }
}
