namespace FraudStream.Simulator;

/// <summary>The names of <see cref="FraudKind"/> used on the command line and in ground-truth files.</summary>
public static class FraudKinds
{
    private static readonly string[] s_names = ["wangiri", "call_bombing", "harassment", "robocall", "scam", "irsf", "simbox", "sms_flood"];

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<FraudKind> All { get; } = Enum.GetValues<FraudKind>();

    /// <summary>Every name, comma-separated, for messages.</summary>
    public static string NameList { get; } = string.Join(", ", s_names);

    public static string Name(FraudKind kind) => s_names[(int)kind];

    public static bool TryParse(string name, out FraudKind kind)
    {
        var i = Array.IndexOf(s_names, name);
        kind = (FraudKind)Math.Max(i, 0);
        return i >= 0;
    }
}
