using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Engine;

/// <summary>
/// The auto labels a caller-side partition has decided about its own callers, held until the label replica shows
/// them: a number detected at one record is labelled from its very next record in this partition, whenever Redis
/// catches up. Each label acts on records whose event time is after <see cref="LabelInfo.FromMs"/> (the latest
/// event time the partition had reached with the detecting record) and expires by event time too, so what it
/// decides depends on the partition's records in order alone. Used by the partition's worker only.
/// </summary>
internal sealed class PartitionLabels(AutoLabelPolicy policy, int capacity = 100_000)
{
    private readonly Dictionary<ulong, Entry> _labels = [];
    private readonly long _ttlMs = (long)policy.Ttl.TotalMilliseconds;

    public AutoLabelPolicy Policy => policy;

    public int Count => _labels.Count;

    /// <summary>The number's label if it acts on a record of <paramref name="eventTimeMs"/>.</summary>
    public bool TryGet(ulong number, long eventTimeMs, out LabelInfo label)
    {
        if (_labels.Count > 0 && _labels.TryGetValue(number, out var entry) && eventTimeMs > entry.FromMs && eventTimeMs < entry.UntilMs)
        {
            label = new LabelInfo(entry.Category, LabelSource.Auto, LabelNames.DefaultAction(entry.Category), 0, entry.FromMs);
            return true;
        }

        label = default;
        return false;
    }

    /// <summary>The event time the number's label acts after, if this partition holds one.</summary>
    public bool TryGetFrom(ulong number, out long fromMs)
    {
        fromMs = 0;
        if (_labels.Count == 0 || !_labels.TryGetValue(number, out var entry))
            return false;
        fromMs = entry.FromMs;
        return true;
    }

    /// <summary>
    /// Labels the event's caller for each confident suspect detection of it in <paramref name="decision"/>, from
    /// <paramref name="fromMs"/>; a label still in force is kept (the first detection's start stands, as in Redis).
    /// </summary>
    public void Learn(in Decision decision, ulong caller, long fromMs)
    {
        if (decision.AllowedByLabel || decision.Action == DecisionAction.Allow)
            return;
        foreach (ref readonly var d in decision.Detections)
        {
            if (d.Role != Role.Suspect || d.Number.Value != caller || d.Action == DecisionAction.Allow || !policy.IsConfident(d.Kind, d.Score))
                continue;
            if (_labels.TryGetValue(caller, out var held) && fromMs < held.UntilMs)
                return;
            if (_labels.Count >= capacity)
                Sweep(fromMs);
            _labels[caller] = new Entry(AutoLabelPolicy.CategoryOf(d.Kind), fromMs, fromMs + _ttlMs);
            return;
        }
    }

    /// <summary>The replica holds the number's auto label now: it decides from here on, as in every other partition.</summary>
    public void Forget(ulong number)
    {
        if (_labels.Count > 0)
            _labels.Remove(number);
    }

    // Expired labels go first (by event time, so alike in every run); if none had, all go: Redis still has them.
    private void Sweep(long nowMs)
    {
        foreach (var (number, entry) in _labels)
        {
            if (entry.UntilMs <= nowMs)
                _labels.Remove(number);
        }

        if (_labels.Count >= capacity)
            _labels.Clear();
    }

    private readonly record struct Entry(LabelCategory Category, long FromMs, long UntilMs);
}
