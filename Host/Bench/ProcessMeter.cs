using System.Diagnostics;

namespace FraudStream.Host.Bench;

/// <summary>
/// What this process used between two points: wall time, CPU time (user + system, every thread: .NET,
/// librdkafka's client threads and, with the embedded cluster, the mock brokers' threads), managed allocation
/// and garbage collections.
/// </summary>
internal readonly record struct ProcessMeter(long Timestamp, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2)
{
    public static ProcessMeter Now()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessMeter(Stopwatch.GetTimestamp(), self.TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    public Usage Since(ProcessMeter start, long events)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        var perEvent = Math.Max(1, events);
        return new Usage(
            events,
            seconds,
            events / Math.Max(seconds, 1e-9),
            (Cpu - start.Cpu).TotalMicroseconds / perEvent,
            (Cpu - start.Cpu).TotalSeconds / Math.Max(seconds, 1e-9),
            (double)(Allocated - start.Allocated) / perEvent,
            Gen0 - start.Gen0,
            Gen1 - start.Gen1,
            Gen2 - start.Gen2);
    }

    /// <summary>Resident memory of the whole process (RSS), bytes.</summary>
    public static long ResidentBytes()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}

/// <summary>A phase's use of the process: events per second, CPU-µs and bytes allocated per event, cores busy on average.</summary>
internal sealed record Usage(
    long Events,
    double Seconds,
    double EventsPerSecond,
    double CpuMicrosPerEvent,
    double CoresBusy,
    double AllocatedBytesPerEvent,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);
