using System.Globalization;
using System.Text;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Scoring.Training;

/// <summary>
/// Ground truth for training: which numbers were fraud suspects, and of what kind. Read from the CSV the
/// simulator writes (<c>number,kind,role[,actorId]</c>); victims are kept apart, they are not fraudsters.
/// </summary>
public sealed class TruthSet
{
    private readonly Dictionary<ulong, string> _suspects = [];
    private readonly Dictionary<ulong, string> _victims = [];
    private readonly Dictionary<ulong, long> _fraudStart = [];

    /// <summary>Suspect numbers and the fraud kind each was simulated as (the first one listed).</summary>
    public IReadOnlyDictionary<ulong, string> Suspects => _suspects;

    public int Victims => _victims.Count;

    public bool IsSuspect(ulong number) => _suspects.ContainsKey(number);

    public void AddSuspect(ulong number, string kind) => _suspects.TryAdd(number, kind);

    /// <summary>When each suspect's fraud began (Unix ms), where the truth knows: a hijacked line's owner called before.</summary>
    public IReadOnlyDictionary<ulong, long> FraudStartMs => _fraudStart;

    /// <summary>Notes that <paramref name="number"/>'s fraud began at <paramref name="unixMs"/> (the earliest noted is kept).</summary>
    public void NoteFraudStart(ulong number, long unixMs)
    {
        if (!_fraudStart.TryGetValue(number, out var at) || unixMs < at)
            _fraudStart[number] = unixMs;
    }

    /// <summary>Victim numbers and the fraud kind each was a victim of (the first one listed).</summary>
    public IReadOnlyDictionary<ulong, string> VictimKinds => _victims;

    public void AddVictim(ulong number, string kind = "") => _victims.TryAdd(number, kind);

    /// <summary>Adds every suspect and victim of <paramref name="other"/> (a number already held keeps its kind).</summary>
    public void Merge(TruthSet other)
    {
        foreach (var (number, kind) in other._suspects)
            _suspects.TryAdd(number, kind);
        foreach (var (number, kind) in other._victims)
            _victims.TryAdd(number, kind);
        foreach (var (number, at) in other._fraudStart)
            NoteFraudStart(number, at);
    }

    /// <summary>Parses a truth CSV; every bad line is reported as "line N: why" and skipped.</summary>
    public static TruthSet Parse(TextReader reader, ushort homeCountryCode, List<string> errors)
    {
        var truth = new TruthSet();
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("number,kind,role", StringComparison.Ordinal))
        {
            errors.Add("line 1: expected the header number,kind,role[,actorId]");
            return truth;
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var fields = line.Split(',');
            if (fields.Length < 3)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: expected number,kind,role"));
                continue;
            }

            if (PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(fields[0]), homeCountryCode, out var number) != PhoneNumberError.None)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: '{fields[0]}' is not a phone number"));
                continue;
            }

            switch (fields[2])
            {
                case "suspect":
                    truth.AddSuspect(number.Value, fields[1]);
                    break;
                case "victim":
                    truth.AddVictim(number.Value, fields[1]);
                    break;
                default:
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: role '{fields[2]}' is neither suspect nor victim"));
                    break;
            }
        }

        return truth;
    }
}
