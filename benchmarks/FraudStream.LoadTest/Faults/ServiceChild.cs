using System.Diagnostics;
using System.Globalization;
using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// A <c>fraudstream run</c> child process (the executable built beside this assembly) against the scenario's embedded cluster and redis-server,
/// publishing decisions; its output drained in the background, the last lines kept for failure messages; stopped
/// with SIGTERM (as a service manager does) or killed with SIGKILL (no shutdown, no commit, no leaving the group).
/// </summary>
internal sealed class ServiceChild : IDisposable
{
    private const int KeptLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private ServiceChild(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>fraudstream run</c> with the bench's batch and buffer sizes, so its uncommitted window is the bench's.</summary>
    public static ServiceChild Start(FaultCluster c) => Start(c.Kafka.BootstrapServers, c.Kafka.GroupId, c.Redis.Configuration, c.Ingest.MaxBatchSize, c.Ingest.PartitionBufferSize);

    /// <summary>Starts <c>fraudstream run</c> in <paramref name="group"/>, with Redis at <paramref name="redis"/> (null: none, every decision degraded).</summary>
    public static ServiceChild Start(string bootstrap, string group, string? redis, int maxBatchSize, int partitionBufferSize)
    {
        // The fraudstream executable built beside this assembly: Host references LoadTest, so Host's output holds both,
        // as does the output of a test project that references Host. Its apphost, else its assembly through the dotnet host.
        var directory = Path.GetDirectoryName(typeof(ServiceChild).Assembly.Location)!;
        var apphost = Path.Combine(directory, "fraudstream");
        var dll = Path.Combine(directory, "fraudstream.dll");
        if (!File.Exists(apphost) && !File.Exists(dll))
            throw new BenchFailedException($"fraudstream run cannot start: no fraudstream executable beside {typeof(ServiceChild).Assembly.GetName().Name} in {directory} (it is built with Host, which references this project)");
        var info = new ProcessStartInfo(File.Exists(apphost) ? apphost : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!File.Exists(apphost))
            info.ArgumentList.Add(dll);
        foreach (var arg in new[] { "run", "--bootstrap", bootstrap, "--group", group, "--publish-decisions" })
            info.ArgumentList.Add(arg);
        if (redis is not null)
        {
            info.ArgumentList.Add("--redis");
            info.ArgumentList.Add(redis);
        }

        // The embedded cluster completes a rebalance only after a departed member's session times out.
        info.Environment["FRAUDSTREAM__Kafka__SessionTimeoutMs"] = "6000";
        // Any free port: other instances may hold the default one.
        info.Environment["FRAUDSTREAM__Operations__Listen"] = "http://127.0.0.1:0";
        info.Environment["FRAUDSTREAM__Ingest__MaxBatchSize"] = maxBatchSize.ToString(CultureInfo.InvariantCulture);
        info.Environment["FRAUDSTREAM__Ingest__PartitionBufferSize"] = partitionBufferSize.ToString(CultureInfo.InvariantCulture);
        return new ServiceChild(Process.Start(info) ?? throw new BenchFailedException("fraudstream run did not start"));
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM (through kill(1)) and wait: the exit code, or a failure if it does not stop within 60 s.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new BenchFailedException("fraudstream run did not exit within 60 s of SIGTERM: " + Output);
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux), then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>The last lines the child wrote, on one line.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join(" | ", _lines);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
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
}
