using System.Globalization;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// benchmarks/history/: one Markdown file per UTC month (<c>2026-12.md</c>), to which full runs of the bench and of the
/// fault matrix append their sections by default, the bench's plots beside them. benchmarks/RESULTS.md, the front page,
/// quotes today's figures from these files.
/// </summary>
public static class RunHistory
{
    /// <summary>benchmarks/history/ of the checkout above the working directory (or the executable); null outside a checkout.</summary>
    public static string? FindDirectory()
        => MachineInfo.RepositoryRoot() is { } root && Directory.Exists(Path.Combine(root, "benchmarks"))
            ? Path.Combine(root, "benchmarks", "history")
            : null;

    /// <summary>The file a run started at <paramref name="started"/> appends to: <c>2026-12.md</c> for any time of December 2026, UTC.</summary>
    public static string MonthFile(string directory, DateTimeOffset started)
        => Path.Combine(directory, started.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) + ".md");

    /// <summary>
    /// <see cref="MonthFile"/>, created with its directory when missing, its first line the heading
    /// <c># Runs of December 2026</c>; an existing file is left as it is.
    /// </summary>
    public static string Prepare(string directory, DateTimeOffset started)
    {
        var path = MonthFile(directory, started);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, $"# Runs of {started.UtcDateTime.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}\n");
        }

        return path;
    }
}
