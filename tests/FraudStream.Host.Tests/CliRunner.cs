using System.Diagnostics;
using FraudStream.Tests.Shared;

namespace FraudStream.Host.Tests;

/// <summary>Runs the fraudstream command in this process (fast, for parsing and config) or as a child process (for signals and real output).</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunInProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FraudStreamCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The built fraudstream.dll beside the tests, started with the dotnet host.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string?>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with these environment variables set (null removes one).</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo(ExternalTool.Require("dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fraudstream.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        return Process.Start(info)!;
    }
}
