using System.Diagnostics;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// What this process used between two points: wall time, CPU time (user + system, every thread: .NET,
/// librdkafka's client threads and, with the embedded cluster, the mock brokers' thread), of it the embedded
/// brokers' CPU time, managed allocation and garbage collections.
/// </summary>
internal readonly record struct ProcessMeter(long Timestamp, TimeSpan Cpu, TimeSpan BrokerCpu, long Allocated, int Gen0, int Gen1, int Gen2)
{
    public static ProcessMeter Now()
    {
        using var self = Process.GetCurrentProcess();
        var broker = EmbeddedBrokerCpu.Read();
        return new ProcessMeter(Stopwatch.GetTimestamp(), self.TotalProcessorTime, broker, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    public Usage Since(ProcessMeter start, long events)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        var perEvent = Math.Max(1, events);
        var cpu = Cpu - start.Cpu;
        // Both are read in ticks of 10 ms, a moment apart: never let the broker's share exceed the whole.
        var broker = TimeSpan.FromTicks(Math.Clamp((BrokerCpu - start.BrokerCpu).Ticks, 0, Math.Max(0, cpu.Ticks)));
        return new Usage(
            events,
            seconds,
            events / Math.Max(seconds, 1e-9),
            cpu.TotalMicroseconds / perEvent,
            cpu.TotalSeconds / Math.Max(seconds, 1e-9),
            (cpu - broker).TotalMicroseconds / perEvent,
            broker.TotalMicroseconds / perEvent,
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

/// <summary>
/// A phase's use of the process: events per second, CPU-µs and bytes allocated per event, cores busy on average.
/// <see cref="CpuMicrosPerEvent"/> is the whole process's (embedded brokers included, as in every run before
/// they were measured apart); <see cref="OwnCpuMicrosPerEvent"/> is FraudStream's own (the process minus the
/// embedded brokers' thread, librdkafka's client threads included), the measure.
/// </summary>
internal sealed record Usage(
    long Events,
    double Seconds,
    double EventsPerSecond,
    double CpuMicrosPerEvent,
    double CoresBusy,
    double OwnCpuMicrosPerEvent,
    double BrokerCpuMicrosPerEvent,
    double AllocatedBytesPerEvent,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);
