using System.Diagnostics;
using System.Runtime.InteropServices;
using FraudStream.Tests.Shared;

namespace FraudStream.Host.Tests.Faults;

/// <summary>
/// A <c>fraudstream run</c> child process against a given cluster, publishing decisions, its output drained in
/// the background (the last lines kept for failure messages), stopped with SIGTERM or killed with SIGKILL.
/// </summary>
internal sealed partial class ServiceProcess : IDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static ServiceProcess Start(string bootstrap, string group)
    {
        var environment = new Dictionary<string, string?>
        {
            // The embedded cluster completes a rebalance only after a departed member's session times out.
            ["FRAUDSTREAM__Kafka__SessionTimeoutMs"] = "6000",
            // Any free port: other tests and other instances may hold the default one.
            ["FRAUDSTREAM__Operations__Listen"] = "http://127.0.0.1:0",
            ["FRAUDSTREAM__Ingest__MaxBatchSize"] = "200",
            ["FRAUDSTREAM__Ingest__PartitionBufferSize"] = "500",
        };
        return new ServiceProcess(CliRunner.Start(environment, "run", "--bootstrap", bootstrap, "--group", group, "--publish-decisions"));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGTERM and wait: the exit code, or a failed test if it does not stop within 30 s.</summary>
    public int Terminate()
    {
        ExternalTool.Terminate(_process);
        return WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGKILL: no shutdown, no commit, no leaving the group.</summary>
    public void Kill()
    {
        const int sigkill = 9;
        if (kill(_process.Id, sigkill) != 0)
            Assert.Fail($"kill({_process.Id}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}");
        _process.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            Assert.Fail($"fraudstream run did not exit within {timeout}:\n{Output}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Fails the test if the service has exited on its own.</summary>
    public void AssertRunning()
    {
        if (_process.HasExited)
            Assert.Fail($"fraudstream run exited with {_process.ExitCode}:\n{Output}");
    }

    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
                _lines.Dequeue();
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
