using System.Globalization;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Commands.Labels;

/// <summary>How labels, times and policies are printed.</summary>
internal static class LabelFormat
{
    public static string Number(ulong number) => "+" + number.ToString(CultureInfo.InvariantCulture);

    public static string Time(long unixMs)
        => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Expiry(long unixMs) => unixMs == 0 ? "never" : Time(unixMs);

    public static string Policy(SubscriberPolicy policy)
        => $"block-overseas {(policy.BlockOverseas ? "on" : "off")}, warn {(policy.Warn ? "on" : "off")}";

    public static string Summary(LabelRecord label)
        => $"{LabelNames.Name(label.Category)} (source {LabelNames.Name(label.Source)}, action {LabelNames.Name(label.Action)}, expires {Expiry(label.ExpiresMs)})";
}
