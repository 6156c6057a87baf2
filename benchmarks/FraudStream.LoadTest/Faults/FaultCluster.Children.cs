using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Faults;

internal sealed partial class FaultCluster
{
    private readonly List<(ServiceChild Child, bool Retired)> _children = [];

    /// <summary>Starts one more <c>fraudstream run</c> child process in the scenario's consumer groups.</summary>
    public ServiceChild StartChild()
    {
        var child = ServiceChild.Start(this);
        _children.Add((child, false));
        return child;
    }

    /// <summary>The children started, in order (stopped ones included).</summary>
    public IReadOnlyList<ServiceChild> Children => [.. _children.Select(static c => c.Child)];

    /// <summary>Marks a child stopped on purpose: its end is not the scenario's failure.</summary>
    public void Retire(ServiceChild child)
    {
        var i = _children.FindIndex(c => c.Child == child);
        _children[i] = (child, true);
    }

    // Caller and callee decisions, one each per valid record: half the decision topic is what the caller stage did.
    private long ConsumedByChildren() => TopicReader.Count(Kafka.BootstrapServers, Alerts.DecisionTopic) / 2;

    private void ThrowIfChildStopped()
    {
        foreach (var (child, retired) in _children)
        {
            if (!retired && child.HasExited)
                throw new BenchFailedException($"fraudstream run exited with {child.ExitCode}: {child.Output}");
        }
    }

    private async Task<string?> TerminateChildrenAsync()
    {
        string? failure = null;
        for (var i = 0; i < _children.Count; i++)
        {
            var (child, retired) = _children[i];
            if (retired)
                continue;
            _children[i] = (child, true);
            var exit = await child.TerminateAsync().ConfigureAwait(false);
            if (exit != 0)
                failure ??= $"fraudstream run exited with {exit} on SIGTERM: {child.Output}";
        }

        return failure;
    }

    private void DisposeChildren()
    {
        foreach (var (child, _) in _children)
            child.Dispose();
    }
}
