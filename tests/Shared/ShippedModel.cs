namespace FraudStream.Tests.Shared;

/// <summary>The model the repository ships, found from the test's output folder.</summary>
internal static class ShippedModel
{
    /// <summary>The path of Host/models/default-model.zip.</summary>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return Path.Combine(dir.FullName, "Host", "models", "default-model.zip");
        }

        throw new DirectoryNotFoundException("FraudStream.sln not found above " + AppContext.BaseDirectory);
    }
}
