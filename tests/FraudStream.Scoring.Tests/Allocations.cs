namespace FraudStream.Scoring.Tests;

/// <summary>
/// Allocation checks that cannot pass by luck nor fail by it: a per-event allocation shows in every run of a
/// loop, while a one-off allocation of the runtime (a method tiered up or a loop moved to optimised code
/// part way through) shows in one run at most. So the fewest bytes of a few runs is what the code allocates.
/// </summary>
internal static class Allocations
{
    /// <summary>Bytes allocated on this thread by the least-allocating of <paramref name="runs"/> runs of <paramref name="run"/>.</summary>
    public static long Fewest(Action run, int runs = 3)
    {
        var fewest = long.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
