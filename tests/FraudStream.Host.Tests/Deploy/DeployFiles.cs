namespace FraudStream.Host.Tests.Deploy;

/// <summary>The files of the repository's deploy/ folder, found from the test's output folder.</summary>
internal static class DeployFiles
{
    public static string Directory { get; } = Locate();

    public static string Unit => Path.Combine(Directory, "systemd", "fraudstream.service");

    public static string ProductionConfig => Path.Combine(Directory, "fraudstream.production.json");

    public static string EnvironmentExample => Path.Combine(Directory, "fraudstream.env.example");

    /// <summary>The KEY=VALUE lines of the environment example that are not commented out, as systemd's EnvironmentFile= reads them.</summary>
    public static IReadOnlyList<(string Name, string Value)> ExampleSecrets()
    {
        var secrets = new List<(string, string)>();
        foreach (var line in File.ReadAllLines(EnvironmentExample))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.That(equals, Is.GreaterThan(0), $"not KEY=VALUE: '{line}'");
            secrets.Add((line[..equals], line[(equals + 1)..]));
        }

        return secrets;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return Path.Combine(dir.FullName, "deploy");
        }

        throw new DirectoryNotFoundException("FraudStream.sln not found above " + AppContext.BaseDirectory);
    }
}
