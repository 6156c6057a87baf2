using FraudStream.Tests.Shared;

namespace FraudStream.Host.Tests.Commands;

/// <summary>The fraudstream executable as users run it: a child process, real signals, real output.</summary>
[TestFixture]
public sealed class ProcessTests
{
    [Test]
    public void Broker_prints_bootstrap_first_serves_kcat_and_exits_0_on_sigterm()
    {
        using var broker = CliRunner.Start("broker", "--brokers", "2", "--topic", "extra:3");
        try
        {
            var bootstrap = broker.StandardOutput.ReadLine();
            Assert.That(bootstrap, Does.Match(@"^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$"), broker.HasExited ? broker.StandardError.ReadToEnd() : "");

            var (exit, metadata, error) = ExternalTool.Run("kcat", ["-L", "-b", bootstrap!]);
            Assert.That(exit, Is.Zero, error);
            Assert.That(metadata, Does.Contain("2 brokers")
                .And.Contain("topic \"extra\" with 3 partitions")
                .And.Contain("topic \"telco.cdr.v1\" with 6 partitions"));

            ExternalTool.Terminate(broker);
            Assert.That(broker.WaitForExit(15_000), Is.True, "broker did not stop within 15 s of SIGTERM");
            Assert.That(broker.ExitCode, Is.Zero, broker.StandardError.ReadToEnd());
        }
        finally
        {
            if (!broker.HasExited)
                broker.Kill(entireProcessTree: true);
        }
    }

    [Test]
    public void Demo_runs_simulated_traffic_through_ingest_and_exits_0()
    {
        using var demo = CliRunner.Start("demo", "--duration", "5", "--rate", "2000", "--population", "2000");
        var output = demo.StandardOutput.ReadToEndAsync();
        var error = demo.StandardError.ReadToEndAsync();
        if (!demo.WaitForExit(120_000))
        {
            demo.Kill(entireProcessTree: true);
            Assert.Fail("demo did not finish within 120 s");
        }

        Assert.That(demo.ExitCode, Is.Zero, output.Result + error.Result);
        Assert.That(output.Result, Does.Match(@"Dead-lettered to telco\.cdr\.dlq\.v1 +│ +\d+ with error code").And.Contain("precision").And.Contain("call_bombing").And.Contain("demo OK").And.Not.Contain("FAIL"));
    }
}
