namespace FraudStream.LoadTest.Harness;

/// <summary>
/// The CPU time of the embedded brokers, which run inside the bench process: librdkafka's mock cluster serves
/// all its brokers from one thread it names <c>rdk:mock</c>. The measure is FraudStream's own CPU per
/// event (librdkafka's client threads included); the broker is not FraudStream, so its thread is read apart
/// (<c>/proc/self/task/*/stat</c>) and subtracted. Zero without an embedded cluster or off Linux.
/// </summary>
/// <remarks>
/// What stays counted as FraudStream's: the handful of idle client threads of the handle that hosts the mock
/// cluster (its <c>rdk:main</c> and internal broker thread), which cannot be told apart by name from the
/// pipeline's clients and do no work.
/// </remarks>
internal static class EmbeddedBrokerCpu
{
    private const string ThreadName = "rdk:mock";

    // utime and stime are in clock ticks of USER_HZ, which Linux fixes at 100 for user space on x86 and arm.
    private const double TicksPerSecond = 100;

    // In /proc/<pid>/task/<tid>/stat, the fields after "(comm) " start at the state (field 3); utime is field
    // 14 and stime field 15 (proc(5)).
    private const int UtimeAfterComm = 14 - 3;
    private const int StimeAfterComm = 15 - 3;

    public static TimeSpan Read()
    {
        if (!OperatingSystem.IsLinux())
            return TimeSpan.Zero;

        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // The thread ended while we looked.
            }

            ticks += BrokerTicks(stat);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>utime + stime of one <c>stat</c> line if its thread is the mock cluster's, else 0.</summary>
    internal static long BrokerTicks(string stat)
    {
        // The name may hold spaces and parentheses: it runs from the first '(' to the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open || !stat.AsSpan(open + 1, close - open - 1).SequenceEqual(ThreadName))
            return 0;

        var fields = stat[(close + 2)..].Split(' ');
        return long.Parse(fields[UtimeAfterComm], System.Globalization.CultureInfo.InvariantCulture)
               + long.Parse(fields[StimeAfterComm], System.Globalization.CultureInfo.InvariantCulture);
    }
}
