namespace FraudStream.Simulator.Population;

/// <summary>Decimal digit arithmetic on numbers held as integers.</summary>
internal static class Digits
{
    private static readonly ulong[] s_pow10 = Build();

    public static ulong Pow10(int n) => s_pow10[n];

    /// <summary>How many decimal digits <paramref name="value"/> has (1 for 0).</summary>
    public static int Count(ulong value)
    {
        var n = 1;
        while (n < 20 && value >= s_pow10[n])
            n++;
        return n;
    }

    private static ulong[] Build()
    {
        var table = new ulong[20];
        table[0] = 1;
        for (var i = 1; i < table.Length; i++)
            table[i] = table[i - 1] * 10;
        return table;
    }
}
