using System.Globalization;

namespace FraudStream.Simulator.Truth;

/// <summary>
/// Which numbers the simulated fraud involved, and as what. Actors register their numbers; an entry is
/// reported only once a record carrying it was emitted, so the truth describes exactly the output.
/// </summary>
public sealed class GroundTruth
{
    /// <summary>The CSV header of <see cref="WriteCsv"/>.</summary>
    public const string CsvHeader = "number,kind,role,actorId";

    private readonly List<GroundTruthEntry> _entries = [];
    private readonly List<long> _firstSeenMs = [];
    private readonly Dictionary<(ulong, FraudKind, TruthRole), int> _ids = [];

    /// <summary>Entries whose number appeared in an emitted record, in the order they first appeared in the registry.</summary>
    public IReadOnlyList<GroundTruthEntry> Entries
    {
        get
        {
            var list = new List<GroundTruthEntry>();
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_firstSeenMs[i] != long.MaxValue)
                    list.Add(_entries[i] with { FirstSeenMs = _firstSeenMs[i] });
            }

            return list;
        }
    }

    /// <summary>Writes <c>number,kind,role,actorId</c> lines under <see cref="CsvHeader"/>.</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write(CsvHeader);
        writer.Write('\n');
        foreach (var e in Entries)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{e.E164},{FraudKinds.Name(e.Kind)},{Role(e.Role)},{e.ActorId}"));
            writer.Write('\n');
        }
    }

    /// <summary>Registers (once per number, kind and role) and returns the id records carry, 1-based.</summary>
    internal int Register(ulong number, FraudKind kind, TruthRole role, string actorId)
    {
        if (_ids.TryGetValue((number, kind, role), out var id))
            return id;

        _entries.Add(new GroundTruthEntry(number, kind, role, actorId));
        _firstSeenMs.Add(long.MaxValue);
        id = _entries.Count;
        _ids.Add((number, kind, role), id);
        return id;
    }

    /// <summary>Notes that a record carrying truth id <paramref name="id"/> (0 = none) was emitted at simulated time <paramref name="timeMs"/>.</summary>
    internal void MarkSeen(int id, long timeMs)
    {
        if (id != 0 && _firstSeenMs[id - 1] == long.MaxValue)
            _firstSeenMs[id - 1] = timeMs;
    }

    private static string Role(TruthRole role) => role == TruthRole.Suspect ? "suspect" : "victim";
}
