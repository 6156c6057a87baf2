using System.Text.Json;

namespace FraudStream.Host.Tests.Commands;

/// <summary>
/// The bench as users run it, small: every phase runs on the embedded Kafka and a private redis-server and
/// reports a figure. Nothing here judges speed; that is the bench's own job.
/// </summary>
[TestFixture]
public sealed class BenchProcessTests
{
    [Test]
    public void Bench_quick_with_a_small_count_runs_every_phase_and_writes_the_json()
    {
        var json = Path.Combine(Path.GetTempPath(), $"fraudstream-bench-{Guid.NewGuid():N}.json");
        using var bench = CliRunner.Start("bench", "--quick", "--count", "20000", "--json", json);
        var output = bench.StandardOutput.ReadToEndAsync();
        var error = bench.StandardError.ReadToEndAsync();
        try
        {
            if (!bench.WaitForExit(150_000))
            {
                bench.Kill(entireProcessTree: true);
                Assert.Fail("bench --quick --count 20000 did not finish within 150 s: " + error.Result);
            }

            Assert.That(bench.ExitCode, Is.Zero, output.Result + error.Result);
            Assert.That(output.Result, Does.Contain("| A. raw ceiling |").And.Contain("| B. pipeline, closed loop |").And.Contain("| C. latency, open loop |")
                .And.Contain("| E. baselines |").And.Contain("| 10,000 | 1,000 |").And.Contain("| 100,000 | 1,000 |").And.Contain("| goal | target | measured | met |"));
            Assert.That(error.Result, Does.Contain("bench: A. raw ceiling").And.Contain("bench: D. scaling").And.Not.Contain("\r"), "plain progress lines when stderr is not a terminal");

            using var report = JsonDocument.Parse(File.ReadAllText(json));
            var root = report.RootElement;
            Assert.That(root.GetProperty("raw").GetProperty("events").GetInt64(), Is.EqualTo(20_000), "the bare consumer drained every pre-loaded record");
            var pipeline = root.GetProperty("pipeline");
            Assert.That(pipeline.GetProperty("records").GetInt64(), Is.EqualTo(20_000), "the caller stage finished every pre-loaded record");
            Assert.That(pipeline.GetProperty("calleeRecords").GetInt64(), Is.EqualTo(pipeline.GetProperty("events").GetInt64()), "the callee stage scored every re-keyed record");
            Assert.That(pipeline.GetProperty("deadLettered").GetInt64(), Is.EqualTo(root.GetProperty("preload").GetProperty("malformed").GetInt64()));
            var usage = pipeline.GetProperty("usage");
            Assert.That(usage.GetProperty("cpuMicrosPerEvent").GetDouble(), Is.Positive);
            Assert.That(usage.GetProperty("brokerCpuMicrosPerEvent").GetDouble(), Is.Positive, "the embedded brokers' thread (rdk:mock) worked and was found");
            Assert.That(usage.GetProperty("ownCpuMicrosPerEvent").GetDouble(),
                Is.Positive.And.EqualTo(usage.GetProperty("cpuMicrosPerEvent").GetDouble() - usage.GetProperty("brokerCpuMicrosPerEvent").GetDouble()).Within(1e-6),
                "FraudStream's own CPU is the process's minus the embedded brokers'");
            Assert.That(root.GetProperty("latency").GetArrayLength(), Is.EqualTo(1), "a quick run measures latency at one rate");
            var latency = root.GetProperty("latency")[0];
            Assert.That(latency.GetProperty("sent").GetInt64(), Is.EqualTo(latency.GetProperty("rate").GetInt64() * 8).Within(1), "the measured window holds rate × 8 s of records, whatever the sender's stalls");
            Assert.That(latency.GetProperty("all").GetProperty("samples").GetInt32(), Is.Positive, "fraud in the open-loop traffic raised alerts that were read back");
            Assert.That(latency.GetProperty("alertsUnmatched").GetInt64(), Is.Zero, "every alert read back belongs to a record this phase sent");
            Assert.That(root.GetProperty("scaling").GetArrayLength(), Is.EqualTo(2));
            Assert.That(root.GetProperty("goals").GetArrayLength(), Is.EqualTo(6));
        }
        finally
        {
            File.Delete(json);
        }
    }
}
