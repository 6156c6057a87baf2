namespace FraudStream.LoadTest.Faults;

/// <summary>
/// What a scenario saw besides the ledger (breaker openings, partitions lost, degraded decisions) and the
/// scenario-specific expectations it checked; an unmet expectation makes the scenario not hold.
/// </summary>
internal sealed class FaultNotes
{
    private readonly List<string> _observed = [];
    private readonly List<string> _unmet = [];

    public void Observe(string what)
    {
        lock (_observed)
            _observed.Add(what);
    }

    /// <summary>Records <paramref name="expectation"/> as unmet unless <paramref name="met"/>.</summary>
    public void Expect(bool met, string expectation)
    {
        if (met)
            return;
        lock (_unmet)
            _unmet.Add(expectation);
    }

    /// <summary>Everything observed, in one line; null when nothing was.</summary>
    public string? Observed
    {
        get
        {
            lock (_observed)
                return _observed.Count == 0 ? null : string.Join("; ", _observed);
        }
    }

    /// <summary>The expectations not met, in one line; null when all were.</summary>
    public string? Unmet
    {
        get
        {
            lock (_unmet)
                return _unmet.Count == 0 ? null : "not met: " + string.Join("; ", _unmet);
        }
    }
}
