namespace FraudStream.LoadTest.Harness;

/// <summary>The checks both bench modes make of the options they share: the seed and where results are written.</summary>
internal static class BenchOutputs
{
    /// <summary>One line saying what to fix, or null when <paramref name="seed"/>, <c>--json</c> and <c>--results</c> are usable.</summary>
    public static string? Validate(int seed, string? jsonPath, string? resultsPath)
    {
        if (seed < 0)
            return $"--seed {seed}: expected 0 or more";
        if (jsonPath is not null && Directory.Exists(jsonPath))
            return $"--json {jsonPath}: is a directory, expected a file";
        if (jsonPath is not null && !ParentExists(jsonPath))
            return $"--json {jsonPath}: its directory does not exist";
        if (resultsPath is not null && !ParentExists(resultsPath))
            return $"--results {resultsPath}: its directory does not exist";
        return null;
    }

    private static bool ParentExists(string path) => Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)));
}
