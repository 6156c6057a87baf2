using System.Text;

namespace FraudStream.Scoring.Decisions;

/// <summary>The wire names of <see cref="FraudKind"/>: snake_case, as in alerts, decisions and thresholds.json.</summary>
public static class FraudKinds
{
    private static readonly string[] s_names =
    [
        "blocklisted", "overseas_blocked", "wangiri", "call_bombing", "harassment", "robocall", "irsf", "simbox", "sms_flood",
        "victim_warning", "ml_fraud", "scam",
    ];

    private static readonly byte[][] s_utf8 = Utf8(s_names);

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<FraudKind> All { get; } = Enum.GetValues<FraudKind>();

    /// <summary>The wire name, e.g. <c>call_bombing</c>; a cached string, nothing allocated.</summary>
    public static string ToWire(this FraudKind kind) => s_names[(int)kind];

    /// <summary>The wire name as UTF-8 bytes, for writers that emit JSON straight to a buffer.</summary>
    public static ReadOnlySpan<byte> ToWireUtf8(this FraudKind kind) => s_utf8[(int)kind];

    public static bool TryParse(string name, out FraudKind kind)
    {
        var i = Array.IndexOf(s_names, name);
        kind = (FraudKind)Math.Max(i, 0);
        return i >= 0;
    }

    private static byte[][] Utf8(string[] names)
    {
        var bytes = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
            bytes[i] = Encoding.UTF8.GetBytes(names[i]);
        return bytes;
    }
}
