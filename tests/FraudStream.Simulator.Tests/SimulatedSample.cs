using System.Text;
using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Tests;

/// <summary>A run of the simulator held in memory: the lines as emitted, the valid records parsed, the ground truth.</summary>
internal sealed class SimulatedSample
{
    private SimulatedSample(World world, List<string> lines, List<RecordOrigin> origins, List<Cdr> originals, IReadOnlyList<GroundTruthEntry> truth, string truthCsv)
    {
        World = world;
        Lines = lines;
        Origins = origins;
        Originals = originals;
        Truth = truth;
        TruthCsv = truthCsv;
    }

    /// <summary>
    /// 20,000 subscribers over about a day and a half, with at least two actors of every fraud kind (three where
    /// a kind's signature is statistical), so every signature is there to be seen.
    /// </summary>
    public static SimulationOptions StandardOptions { get; } = new()
    {
        Population = 20_000,
        Fraud =
        [
            new(FraudKind.Wangiri, 2, 1), new(FraudKind.CallBombing, 2, 1), new(FraudKind.Harassment, 3, 1), new(FraudKind.Robocall, 2, 1),
            new(FraudKind.Scam, 5, 1), new(FraudKind.Irsf, 3, 1), new(FraudKind.Simbox, 2, 1), new(FraudKind.SmsFlood, 2, 1),
        ],
        ExpectedRecords = 400_000,
    };

    private static readonly Lazy<SimulatedSample> s_standard = new(() => Generate(StandardOptions, 400_000));

    /// <summary>The standard sample, generated once for all fixtures.</summary>
    public static SimulatedSample Standard => s_standard.Value;

    /// <summary>The population behind the records (contact graph, special groups).</summary>
    public World World { get; }

    public List<string> Lines { get; }

    public List<RecordOrigin> Origins { get; }

    /// <summary>The original (not duplicate, not malformed) records, parsed, in emission order.</summary>
    public List<Cdr> Originals { get; }

    public IReadOnlyList<GroundTruthEntry> Truth { get; }

    public string TruthCsv { get; }

    /// <summary>Runs the simulator for <paramref name="count"/> records, expecting that many unless told otherwise.</summary>
    public static SimulatedSample Generate(SimulationOptions options, int count, long? expectedRecords = null)
    {
        var simulator = new TrafficSimulator(options with { ExpectedRecords = expectedRecords ?? count });
        var lines = new List<string>(count);
        var origins = new List<RecordOrigin>(count);
        var originals = new List<Cdr>(count);
        for (var i = 0; i < count; i++)
        {
            var origin = simulator.Next();
            var line = Encoding.UTF8.GetString(simulator.Record);
            lines.Add(line);
            origins.Add(origin);
            if (origin == RecordOrigin.Original)
                originals.Add(CdrContract.Parse(line, out var problem) ?? throw new AssertionException($"invalid original record ({problem}): {line}"));
        }

        using var csv = new StringWriter();
        simulator.Truth.WriteCsv(csv);
        return new SimulatedSample(simulator.World, lines, origins, originals, simulator.Truth.Entries, csv.ToString());
    }

    /// <summary>Ground-truth numbers (E.164) of <paramref name="kind"/> in <paramref name="role"/>.</summary>
    public HashSet<string> Numbers(FraudKind kind, TruthRole role)
        => Truth.Where(e => e.Kind == kind && e.Role == role).Select(e => e.E164).ToHashSet();

    /// <summary>Suspect numbers of <paramref name="kind"/>, grouped by actor.</summary>
    public IEnumerable<IGrouping<string, string>> SuspectsByActor(FraudKind kind)
        => Truth.Where(e => e.Kind == kind && e.Role == TruthRole.Suspect).GroupBy(e => e.ActorId, e => e.E164);

    /// <summary>Every number in the ground truth, of any kind and role.</summary>
    public HashSet<string> AllTruthNumbers() => Truth.Select(e => e.E164).ToHashSet();

    /// <summary>Simulated days the originals span.</summary>
    public double SpanDays => (Originals[^1].StartTime - Originals[0].StartTime).TotalDays;
}
