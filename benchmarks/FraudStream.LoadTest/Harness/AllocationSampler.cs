using System.Diagnostics.Tracing;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// What the process allocates, by type, while it runs (<c>bench --allocations</c>, phase B): the runtime's
/// <c>GCAllocationTick</c> events, one per about 100 KB allocated on any thread, each naming the type of the object that
/// crossed the mark. A sample, not a count, so a type's share is exact only over many megabytes; phase B allocates
/// gigabytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const long GcKeyword = 0x1;

    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile bool _sampling = true;

    /// <summary>Stops sampling; what was sampled stays readable.</summary>
    public void Stop() => _sampling = false;

    /// <summary>The <paramref name="count"/> types sampled most, with their bytes.</summary>
    public IReadOnlyList<AllocatedType> Top(int count, long events)
    {
        lock (_gate)
        {
            var total = Math.Max(1, _bytes.Values.Sum());
            return [.. _bytes.OrderByDescending(p => p.Value).Take(count)
                .Select(p => new AllocatedType(p.Key, (double)p.Value / Math.Max(1, events), (double)p.Value / total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_sampling || eventData.EventId != AllocationTickEventId || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            return;
        var type = names.IndexOf("TypeName");
        var amount = names.IndexOf("AllocationAmount64");
        if (type < 0 || amount < 0 || payload[type] is not string name || payload[amount] is not ulong bytes)
            return;
        lock (_gate)
            _bytes[name] = _bytes.GetValueOrDefault(name) + (long)bytes;
    }
}

/// <summary>One type's share of what was allocated: bytes per event and fraction of all sampled bytes.</summary>
internal sealed record AllocatedType(string Type, double BytesPerEvent, double Share);
