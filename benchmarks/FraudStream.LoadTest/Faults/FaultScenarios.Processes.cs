using System.Diagnostics;

namespace FraudStream.LoadTest.Faults;

// Items 2 and 3: the service process killed or stopped mid-stream, and a new one started.
internal static partial class FaultScenarios
{
    private static FaultScenario Sigkill() => new("sigkill", "2",
        "the pipeline as a `fraudstream run` child process against this process's cluster and Redis; SIGKILL mid-stream (no shutdown, no commit, no leaving the group), a new child started",
        static async c =>
        {
            var first = c.Children[0];
            c.Retire(first);
            await first.KillAsync().ConfigureAwait(false);
            await Task.Delay(500).ConfigureAwait(false); // requests the brokers received before the kill are appended
            HandOver.Mark(c);
            c.StartChild();
        }, DuplicateBound.Measured)
    {
        Setup = FaultSetup.Processes,
        Verify = static (c, _) => HandOver.Bound(c, graceful: false),
    };

    private static FaultScenario Sigterm() => new("sigterm", "3",
        "the pipeline as a `fraudstream run` child process against this process's cluster and Redis; SIGTERM mid-stream (finish batches, commit, leave), a new child started",
        static async c =>
        {
            var first = c.Children[0];
            c.Retire(first);
            var clock = Stopwatch.StartNew();
            var exit = await first.TerminateAsync().ConfigureAwait(false);
            c.Notes.Observe($"exit code {exit}, {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
            c.Notes.Expect(exit == 0, "fraudstream run exits 0 on SIGTERM");
            HandOver.Mark(c);
            c.StartChild();
        }, DuplicateBound.Measured)
    {
        Setup = FaultSetup.Processes,
        Verify = static (c, _) => HandOver.Bound(c, graceful: true),
    };
}
