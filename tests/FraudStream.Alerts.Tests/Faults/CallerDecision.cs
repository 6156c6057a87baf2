using System.Text.Json;
using FraudStream.LoadTest.Faults;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>One caller-stage record of <c>fraud.decision.v1</c>, as the fault scenarios inspect it.</summary>
internal readonly record struct CallerDecision(int Partition, long Offset, bool Degraded, string[] Kinds)
{
    /// <summary>Every caller-stage decision the run published, in topic order per partition.</summary>
    public static List<CallerDecision> ReadAll(FaultRun run)
        => [.. TopicReader.ReadAll(run.Bootstrap, run.Harness.Alerts.DecisionTopic)
            .Select(d => (d.Partition.Value, d.Offset.Value, Root: JsonDocument.Parse(d.Message.Value).RootElement))
            .Where(d => d.Root.GetProperty("stage").GetString() == "caller")
            .Select(d => new CallerDecision(d.Item1, d.Item2, d.Root.GetProperty("degraded").GetBoolean(),
                [.. d.Root.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()!)]))];
}
