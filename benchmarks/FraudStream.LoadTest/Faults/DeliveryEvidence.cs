namespace FraudStream.LoadTest.Faults;

/// <summary>
/// What the pipeline's own producers and consumers reported while a scenario ran, by the identities the ledger reads
/// the topics by (<see cref="LedgerIdentity"/>): per output its first acknowledgement as persisted (until one comes, its
/// first failed report), and per partition of the CDR topic the offsets released for storing, all on one sequence.
/// Filled by <see cref="DeliveryAudit"/>, or by hand in tests; read once the pipelines stopped.
/// </summary>
internal sealed class DeliveryEvidence
{
    private readonly Dictionary<(LedgerOutput, string), Acknowledgement> _acks = [];
    private readonly Dictionary<int, List<(long Next, long Sequence)>> _releases = [];
    private Dictionary<int, (long[] Next, long[] EarliestFrom)>? _index;

    /// <summary>One delivery report of <paramref name="output"/> <paramref name="id"/>.</summary>
    public void Acknowledged(LedgerOutput output, string id, Acknowledgement ack)
    {
        if (_acks.TryGetValue((output, id), out var seen) && (seen.Persisted || !ack.Persisted))
            return;
        _acks[(output, id)] = ack;
    }

    /// <summary>The offset <paramref name="next"/> of the CDR topic's <paramref name="partition"/> released for storing at <paramref name="sequence"/>.</summary>
    public void Released(int partition, long next, long sequence)
    {
        if (!_releases.TryGetValue(partition, out var list))
            _releases[partition] = list = [];
        list.Add((next, sequence));
        _index = null;
    }

    /// <summary>The first persisted acknowledgement of the output, else its first failed report; null if none came.</summary>
    public Acknowledgement? Of(LedgerOutput output, string id) => _acks.TryGetValue((output, id), out var ack) ? ack : null;

    /// <summary>
    /// When the record at <paramref name="offset"/> of <paramref name="partition"/> could first be stored as done: the
    /// sequence of the first release beyond it; <see cref="long.MaxValue"/> if none was seen.
    /// </summary>
    public long ReleasedAt(int partition, long offset)
    {
        _index ??= Index();
        if (!_index.TryGetValue(partition, out var releases))
            return long.MaxValue;
        // The first release whose next offset is beyond the record; every later one (by offset) covers it too.
        int lo = 0, hi = releases.Next.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (releases.Next[mid] > offset)
                hi = mid;
            else
                lo = mid + 1;
        }

        return lo < releases.Next.Length ? releases.EarliestFrom[lo] : long.MaxValue;
    }

    // Per partition: releases by next offset, with the earliest sequence among each and all beyond it.
    private Dictionary<int, (long[] Next, long[] EarliestFrom)> Index()
    {
        var index = new Dictionary<int, (long[], long[])>();
        foreach (var (partition, list) in _releases)
        {
            var sorted = list.OrderBy(static r => r.Next).ToArray();
            var next = new long[sorted.Length];
            var earliest = new long[sorted.Length];
            var min = long.MaxValue;
            for (var i = sorted.Length - 1; i >= 0; i--)
            {
                min = Math.Min(min, sorted[i].Sequence);
                (next[i], earliest[i]) = (sorted[i].Next, min);
            }

            index[partition] = (next, earliest);
        }

        return index;
    }
}
