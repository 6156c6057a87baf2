using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Harness;

/// <summary>The machine and build a result belongs to, as the results file records them.</summary>
internal sealed record MachineInfo(int Cores, string CpuModel, long MemoryBytes, string Os, string Dotnet, string Librdkafka, string Commit)
{
    public static MachineInfo Describe() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemTotal(),
        OsRelease() ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        LibrdkafkaLoader.Version,
        ReadCommit());

    /// <summary>The 1-, 5- and 15-minute load averages, e.g. "2.31 1.80 1.52"; what else the machine was doing.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public string Describe(bool markdown)
    {
        var memory = MemoryBytes > 0 ? $"{MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB" : "unknown memory";
        var cpu = markdown ? $"`{CpuModel}`" : CpuModel;
        return $"{Cores} cores ({cpu}), {memory}, {Os}, {Dotnet}, librdkafka {Librdkafka}";
    }

    private static string? ProcField(string file, string name)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(name, StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    return line[(colon + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private static long MemTotal()
    {
        var value = ProcField("/proc/meminfo", "MemTotal");
        return value is not null && long.TryParse(value.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
    }

    private static string? OsRelease()
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/os-release"))
            {
                if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                    return line["PRETTY_NAME=".Length..].Trim('"');
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    // The checkout the executable was built from: "abc1234", with "-dirty" when sources differ from it.
    private static string ReadCommit()
    {
        var root = RepositoryRoot();
        if (root is null)
            return "unknown (not a git checkout)";
        var head = Git(root, "rev-parse --short HEAD");
        if (head is null)
            return "unknown (git unavailable)";
        // Results and plots (*.md, *.png) are what a run writes; they do not change what was measured.
        var dirty = Git(root, "status --porcelain --untracked-files=no -- . :(exclude)*.md :(exclude)*.png");
        return string.IsNullOrEmpty(dirty) ? head : head + "-dirty";
    }

    internal static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                    return dir.FullName;
            }
        }

        return null;
    }

    private static string? Git(string root, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(info);
            if (git is null)
                return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
