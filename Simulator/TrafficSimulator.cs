using FraudStream.Simulator.Fraud;
using FraudStream.Simulator.Json;
using FraudStream.Simulator.Legitimate;
using FraudStream.Simulator.Randomness;
using FraudStream.Simulator.Realism;
using FraudStream.Simulator.Records;
using FraudStream.Simulator.Scheduling;
using FraudStream.Simulator.Time;
using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator;

/// <summary>
/// Telecom traffic with known fraud, one CDR v1 record per <see cref="Next"/>: legitimate subscribers and
/// fraud actors merged in simulated time order, plus the requested duplicates and malformed records. The
/// records depend only on the options; <see cref="Truth"/> names the fraud numbers among them.
/// </summary>
public sealed class TrafficSimulator
{
    private const ulong RealismSeedSalt = 0xD1B54A32D192ED03UL;
    private const ulong FieldsSeedSalt = 0x9FB21C651E98DF25UL;

    private readonly World _world;
    private readonly SourceScheduler _scheduler = new();
    private readonly CdrJsonWriter _writer;
    private readonly DuplicateQueue _duplicates = new();
    // Duplicates and malformed records draw from their own stream: turning them on leaves the original events
    // as they were (for the same expected span of originals).
    private readonly Rng _realism;
    // Which records omit their optional fields: its own stream too, drawn only when the variation asks.
    private readonly Rng _fields;
    private readonly double _cellShare;
    private readonly double _imeiShare;
    private readonly double _duplicateRate;
    private readonly double _malformedRate;
    private readonly byte[] _repeat = new byte[CdrJsonWriter.MaxRecordLength];
    private CallRecord _record;
    private ulong _sequence;
    private bool _malformedDue;
    private int _repeatLength;
    private int _repeatKeyStart;
    private int _repeatKeyLength;
    private RecordOrigin _origin;

    /// <exception cref="ArgumentException">The options are not usable; the message says why.</exception>
    public TrafficSimulator(SimulationOptions options)
    {
        if (options.Validate() is { } problem)
            throw new ArgumentException(problem, nameof(options));

        Options = options;
        _world = new World(options);
        LegitimateEventsPerDay = LegitimateTraffic.AddTo(_scheduler, _world);
        var originals = options.ExpectedRecords / (1 + options.Duplicates + options.Malformed);
        _world.HorizonMs = (long)Math.Clamp(originals / LegitimateEventsPerDay * SimClock.MsPerDay, SimClock.MsPerHour, 365.0 * SimClock.MsPerDay);
        FraudActors = FraudCast.AddTo(_scheduler, _world, options);
        _writer = new CdrJsonWriter(options.Seed, options.Start, options.HomeCountry);
        _realism = new Rng(options.Seed ^ RealismSeedSalt);
        _fields = new Rng(options.Seed ^ FieldsSeedSalt);
        _cellShare = options.Variation.CellShare;
        _imeiShare = options.Variation.ImeiShare;
        _duplicateRate = options.Duplicates;
        _malformedRate = options.Malformed;
    }

    public SimulationOptions Options { get; }

    /// <summary>The simulated population and its contact graph, for tests that check the traffic against it.</summary>
    internal World World => _world;

    /// <summary>Legitimate events per simulated day, on average (fraud comes on top).</summary>
    public double LegitimateEventsPerDay { get; }

    /// <summary>How many fraud actors play.</summary>
    public int FraudActors { get; }

    /// <summary>
    /// The legitimate look-alikes by number: <c>courier</c>, <c>family abroad</c>, <c>heavy caller</c>, <c>call centre</c>.
    /// Not fraud; named so an evaluation can say whom a false alarm hit.
    /// </summary>
    public IReadOnlyDictionary<ulong, string> LookAlikes()
    {
        var roles = new Dictionary<ulong, string>();
        void Add(Population.SubscriberGroup? group, string role)
        {
            foreach (var m in group?.Members ?? [])
                roles.TryAdd(_world.Subscribers.Numbers[m], role);
        }

        Add(_world.Drivers, "courier");
        Add(_world.HeavyCallers, "heavy caller");
        Add(_world.CallCentres, "call centre");
        foreach (var m in _world.Families.Members)
            roles.TryAdd(_world.Subscribers.Numbers[m], "family abroad");
        return roles;
    }

    /// <summary>The fraud numbers among the records emitted so far.</summary>
    public GroundTruth Truth => _world.Truth;

    /// <summary>The current record as CDR v1 JSON (UTF-8, no line terminator).</summary>
    public ReadOnlySpan<byte> Record => _origin == RecordOrigin.Duplicate ? _repeat.AsSpan(0, _repeatLength) : _writer.Record;

    /// <summary>The current record's Kafka key: its caller number as written.</summary>
    public ReadOnlySpan<byte> Key => _origin == RecordOrigin.Duplicate ? _repeat.AsSpan(_repeatKeyStart, _repeatKeyLength) : _writer.Key;

    public RecordOrigin Origin => _origin;

    /// <summary>Records emitted so far, of every origin.</summary>
    public long Emitted { get; private set; }

    public long Duplicates { get; private set; }

    public long Malformed { get; private set; }

    /// <summary>Simulated time of the latest original record.</summary>
    public DateTimeOffset SimulatedTime => Options.Start.AddMilliseconds(_record.TimeMs);

    /// <summary>Makes the next record current and returns its origin.</summary>
    public RecordOrigin Next()
    {
        Emitted++;
        if (_duplicates.Count > 0 && _duplicates.IsDue(Emitted))
        {
            _repeatLength = _duplicates.Take(_repeat, out _repeatKeyStart, out _repeatKeyLength);
            Duplicates++;
            return _origin = RecordOrigin.Duplicate;
        }

        if (_malformedDue)
        {
            _malformedDue = false;
            WriteMalformed();
            Malformed++;
            return _origin = RecordOrigin.Malformed;
        }

        _scheduler.Emit(ref _record);
        if (_cellShare < 1 && _record.CellId != 0 && !_fields.Chance(_cellShare))
            _record.CellId = 0;
        if (_imeiShare < 1 && _record.Imei != 0 && !_fields.Chance(_imeiShare))
            _record.Imei = 0;
        if (_record.CallerTruth != 0)
            _world.Truth.MarkSeen(_record.CallerTruth, _record.TimeMs);
        if (_record.CalleeTruth != 0)
            _world.Truth.MarkSeen(_record.CalleeTruth, _record.TimeMs);
        _writer.Write(_record, ++_sequence);

        if (_duplicateRate > 0 && _realism.Chance(_duplicateRate))
            _duplicates.Add(_writer.Record, _writer.KeyStart, _writer.Key.Length, Emitted + _realism.Between(1, DuplicateQueue.MaxDelay));

        _malformedDue = _malformedRate > 0 && _realism.Chance(_malformedRate);
        return _origin = RecordOrigin.Original;
    }

    private void WriteMalformed()
    {
        var corruption = (Corruption)_realism.Between((int)Corruption.Truncated, (int)Corruption.WrongType);
        var sequence = ++_sequence;
        switch (corruption)
        {
            case Corruption.NotJson:
                _writer.WriteForeignLine(sequence);
                break;
            case Corruption.Truncated:
                _writer.Write(_record, sequence);
                _writer.Truncate(_realism.Between(10, _writer.Record.Length - 2));
                break;
            default:
                _writer.Write(_record, sequence, corruption);
                break;
        }
    }
}
