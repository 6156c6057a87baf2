namespace FraudStream.Host.Demo;

/// <summary>What the user chose for the demo run.</summary>
internal sealed record DemoSettings(int DurationSeconds, int Rate, int Population, int Seed, int HistoryDays = 14)
{
    public long Records => (long)DurationSeconds * Rate;

    public string? Validate()
    {
        if (DurationSeconds is < 5 or > 3600)
            return $"--duration {DurationSeconds}: expected 5 to 3600 seconds";
        if (Rate is < 1000 or > 1_000_000)
            return $"--rate {Rate}: expected 1000 to 1000000 records per second";
        if (Population is < 1000 or > 2_000_000)
            return $"--population {Population}: expected 1000 to 2000000";
        if (HistoryDays is < 0 or > 30)
            return $"--history {HistoryDays}: expected 0 to 30 days";
        if (Seed < 0)
            return $"--seed {Seed}: expected 0 or more";
        return null;
    }
}
