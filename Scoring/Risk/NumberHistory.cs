namespace FraudStream.Scoring.Risk;

/// <summary>One number's voice or SMS records, as much of them as the dataset's aggregates need.</summary>
internal sealed class NumberHistory
{
    public readonly Dictionary<ulong, (int Count, double Seconds)> Counterparts = [];
    public readonly List<float> Durations = [];
    public readonly int[] Hours = new int[24];
    public readonly int[] Days = new int[32];
    public int Records;
    public int Outgoing;
    public int Incoming;

    public void Add(ulong counterpart, bool outgoing, float seconds, int hour, int day)
    {
        Records++;
        if (outgoing)
            Outgoing++;
        else
            Incoming++;
        var (count, sum) = Counterparts.GetValueOrDefault(counterpart);
        Counterparts[counterpart] = (count + 1, sum + seconds);
        Durations.Add(seconds);
        Hours[hour]++;
        Days[day]++;
    }

    /// <summary>The most frequent value (the smallest of equals, as pandas' <c>mode()[0]</c>), its count, and how many values occur.</summary>
    public static (int Mode, int ModeCount, int Distinct) Mode(int[] counts, int first)
    {
        var mode = -1;
        var modeCount = 0;
        var distinct = 0;
        for (var v = first; v < counts.Length; v++)
        {
            if (counts[v] == 0)
                continue;
            distinct++;
            if (counts[v] > modeCount)
                (mode, modeCount) = (v, counts[v]);
        }

        return (mode, modeCount, distinct);
    }

    /// <summary>The median as pandas computes it: the mean of the two middle values of an even count.</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
