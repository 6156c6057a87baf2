using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FraudStream.Tests.Shared;

/// <summary>Runs command-line tools the tests talk to (kcat, the fraudstream executable) and fails with an install hint when one is missing.</summary>
internal static partial class ExternalTool
{
    public const string SetupHint = "run deploy/setup.sh";

    /// <summary>The full path of <paramref name="name"/> on PATH, or a failed test saying how to install it.</summary>
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
                return path;
        }

        Assert.Fail($"{name} is not installed: {SetupHint}");
        throw new UnreachableException();
    }

    /// <summary>Runs a tool to completion with optional standard input; fails the test on timeout.</summary>
    public static (int ExitCode, string Output, string Error) Run(string tool, IEnumerable<string> args, string? input = null, int timeoutMs = 30_000)
    {
        var info = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', args)} did not finish within {timeoutMs} ms");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Sends SIGTERM, as a service manager or `kill` does.</summary>
    public static void Terminate(Process process)
    {
        const int sigterm = 15;
        if (kill(process.Id, sigterm) != 0)
            Assert.Fail($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
