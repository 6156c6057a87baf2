namespace FraudStream.Tests.Shared;

/// <summary>
/// The Sichuan per-number dataset (real, labelled; not in the repository): <c>../shared/data/sichuan</c> beside the
/// checkout, else the folder in <c>FRAUDSTREAM_SICHUAN_DIR</c>, else <c>/work/shared/data/sichuan</c>. A test that
/// needs it fails, never skips, when it is nowhere.
/// </summary>
internal static class SichuanData
{
    public const string Variable = "FRAUDSTREAM_SICHUAN_DIR";
    public const string Fallback = "/work/shared/data/sichuan";

    public static string Numbers => Path.Combine(Folder(), "all_feat_with_label.csv");

    public static string PaperSplit => Path.Combine(Folder(), "split-paper.csv");

    public static string Folder()
    {
        var candidates = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
            {
                candidates.Add(Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "sichuan")));
                break;
            }
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            candidates.Add(configured);
        candidates.Add(Fallback);
        foreach (var folder in candidates)
        {
            if (File.Exists(Path.Combine(folder, "all_feat_with_label.csv")) && File.Exists(Path.Combine(folder, "split-paper.csv")))
                return folder;
        }

        Assert.Fail($"The Sichuan dataset (all_feat_with_label.csv, split-paper.csv) is not in {string.Join(", ", candidates)}: put it in ../shared/data/sichuan beside the checkout or set {Variable} (docs/risk.md#the-data)");
        throw new InvalidOperationException("unreachable");
    }
}
