namespace FraudStream.Alerts.Tests.Contracts;

/// <summary>Where docs/contracts lives, found from the test binaries up to the solution.</summary>
internal static class ContractFiles
{
    public static string Directory { get; } = Path.Combine(FindRepositoryRoot(), "docs", "contracts");

    public static string Examples { get; } = Path.Combine(Directory, "examples");

    public static IEnumerable<string> ExampleNames(string pattern)
        => System.IO.Directory.GetFiles(Examples, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static string Read(string file) => File.ReadAllText(Path.Combine(Directory, file));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("FraudStream.sln not found above " + AppContext.BaseDirectory);
    }
}
