using FraudStream.Ingest.Cdr;

namespace FraudStream.Scoring.Features;

/// <summary>
/// Streaming features of one side of one partition: applies each event to the state of the number the side
/// is keyed by and returns that number's features as of the event. The same code serves training and
/// scoring (no train/serve skew). Allocation-free per event once the tables have grown.
/// </summary>
public sealed class FeatureExtractor
{
    /// <summary>Event time is kept as seconds since this instant, in 32 bits (until 2156).</summary>
    public static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly long s_epochMs = Epoch.ToUnixTimeMilliseconds();

    private readonly Side _side;
    private readonly NumberStateTable _states;
    private readonly PairRecency _pairs;
    private readonly NumberAge? _ages;
    private readonly ushort _homeCountry;
    private readonly long _utcOffsetSeconds;
    private readonly int _nightStart;
    private readonly int _nightEnd;
    private readonly uint _latenessSeconds;
    private readonly float _shortCallSec;

    /// <param name="ages">Where the numbers of this side are recorded when first tracked (null: nowhere).</param>
    public FeatureExtractor(Side side, FeatureOptions options, PairRecency pairs, ushort homeCountryCode = 86, int expectedNumbers = 0, NumberAge? ages = null)
    {
        _side = side;
        _pairs = pairs;
        _ages = ages;
        _homeCountry = homeCountryCode;
        _states = new NumberStateTable(options.IdleEviction, expectedNumbers);
        _utcOffsetSeconds = (long)(options.HomeUtcOffsetHours * 3600);
        _nightStart = options.NightStartHour;
        _nightEnd = options.NightEndHour;
        _latenessSeconds = (uint)options.Lateness.TotalSeconds;
        _shortCallSec = (float)options.ShortCallSec;
    }

    /// <summary>Numbers this extractor tracks now.</summary>
    public int TrackedNumbers => _states.Count;

    /// <summary>
    /// Of the event last applied: the minute (since <see cref="Epoch"/>) of its pair's event before it, as far as the
    /// pair memory reaches (<see cref="uint.MaxValue"/> for a first contact).
    /// </summary>
    public uint PairPreviousMinute { get; private set; }

    /// <summary>Events ignored because they were later than the lateness bound.</summary>
    public long LateEvents { get; private set; }

    /// <summary>
    /// Asks the CPU to fetch the state and pair slots <paramref name="e"/> will touch. Called a few events
    /// ahead within a batch, it overlaps the cache misses of a large table instead of paying them in turn.
    /// </summary>
    public void Prefetch(in CallEvent e)
    {
        var self = _side == Side.Outbound ? e.Caller : e.Callee;
        var other = _side == Side.Outbound ? e.Callee : e.Caller;
        _states.Prefetch(self.Value);
        _pairs.Prefetch(self.Value, other.Value);
    }

    /// <summary>Applies <paramref name="e"/> and writes the keyed number's features into <paramref name="features"/>.</summary>
    public void Apply(in CallEvent e, ref FeatureVector features)
    {
        var self = _side == Side.Outbound ? e.Caller : e.Callee;
        var other = _side == Side.Outbound ? e.Callee : e.Caller;
        var second = Seconds(e.StartTimeMs);
        ref var s = ref _states.GetOrAdd(self.Value, second, out var added);
        if (added)
            _ages?.Saw(self.Value, second);

        float w1 = 1, w15 = 1, w60 = 1;
        var late = second < s.LastSecond;
        if (!late)
        {
            s.Decay(second - s.LastSecond);
            s.LastSecond = second;
        }
        else if (s.LastSecond - second <= _latenessSeconds)
        {
            var behind = s.LastSecond - second;
            (w1, w15, w60) = (Windows.Minute(behind), Windows.Quarter(behind), Windows.Hour(behind));
        }
        else
        {
            LateEvents++;
            (w1, w15, w60) = (0, 0, 0);
        }

        var voice = e.Type == CallType.Voice;
        var night = IsNight(e.StartTimeMs);
        if (voice)
        {
            s.Calls1m += w1;
            s.Calls15m += w15;
            s.Calls1h += w60;
            s.RingSum1h += w60 * e.RingSec;
            if (e.Answered)
            {
                s.Answered1h += w60;
                s.DurationSum1h += w60 * e.DurationSec;
                if (e.DurationSec < _shortCallSec)
                    s.Short1h += w60;
            }
            else
            {
                s.Unanswered1h += w60;
            }
        }
        else
        {
            s.Sms1m += w1;
            s.Sms15m += w15;
            s.Sms1h += w60;
        }

        if (e.International)
            s.International1h += w60;
        if (night)
            s.Night1h += w60;

        PairPreviousMinute = _pairs.Touch(self.Value, other.Value, second, out var firstContact, out var newThisHour, out var pairEvents);
        if (newThisHour)
        {
            s.New15m += w15;
            s.New1h += w60;
        }

        if (firstContact)
        {
            s.FirstContacts15m += w15;
            s.FirstContacts1h += w60;
        }

        if (_side == Side.Outbound && !late)
            TrackDevice(ref s, e);

        Fill(ref s, e, firstContact, pairEvents, night, other.CountryCode != _homeCountry, ref features);
    }

    private static void TrackDevice(ref NumberState s, in CallEvent e)
    {
        if (e.Imei != 0)
        {
            var imei = (uint)(e.Imei ^ (e.Imei >> 32));
            if (s.LastImei != 0 && s.LastImei != imei)
                s.ImeiChanges1h += 1;
            s.LastImei = imei;
        }

        if (e.CellHash != 0)
        {
            var cell = (uint)(e.CellHash ^ (e.CellHash >> 32));
            if (s.LastCell != 0 && s.LastCell != cell)
                s.CellChanges1h += 1;
            s.LastCell = cell;
        }
    }

    private static void Fill(ref NumberState s, in CallEvent e, bool firstContact, float pairEvents, bool night, bool counterpartForeign, ref FeatureVector f)
    {
        var events1h = s.Calls1h + s.Sms1h;
        f[Feature.Calls1m] = s.Calls1m;
        f[Feature.Calls15m] = s.Calls15m;
        f[Feature.Calls1h] = s.Calls1h;
        f[Feature.Sms1m] = s.Sms1m;
        f[Feature.Sms15m] = s.Sms15m;
        f[Feature.Sms1h] = s.Sms1h;
        f[Feature.UnansweredRatio1h] = Ratio(s.Unanswered1h, s.Calls1h);
        f[Feature.ShortCallRatio1h] = Ratio(s.Short1h, s.Answered1h);
        f[Feature.NewCounterparts15m] = s.New15m;
        f[Feature.NewCounterparts1h] = s.New1h;
        f[Feature.RepeatRatio1h] = 1f - Ratio(s.New1h, events1h);
        f[Feature.InternationalShare1h] = Ratio(s.International1h, events1h);
        f[Feature.NightShare1h] = Ratio(s.Night1h, events1h);
        f[Feature.MeanDuration1h] = Mean(s.DurationSum1h, s.Answered1h);
        f[Feature.MeanRing1h] = Mean(s.RingSum1h, s.Calls1h);
        // Unknown, not zero, for a number whose records never reported the field: "no change" would read as static.
        f[Feature.ImeiChanges1h] = s.LastImei == 0 ? float.NaN : s.ImeiChanges1h;
        f[Feature.CellChanges1h] = s.LastCell == 0 ? float.NaN : s.CellChanges1h;
        f[Feature.PairEvents1h] = pairEvents;
        f[Feature.FirstContact] = firstContact ? 1 : 0;
        f[Feature.EventDuration] = e.DurationSec;
        f[Feature.EventRing] = e.RingSec;
        f[Feature.EventAnswered] = e.Answered ? 1 : 0;
        f[Feature.EventInternational] = e.International ? 1 : 0;
        f[Feature.EventSms] = e.Type == CallType.Sms ? 1 : 0;
        f[Feature.EventNight] = night ? 1 : 0;
        f[Feature.CounterpartForeign] = counterpartForeign ? 1 : 0;
        f[Feature.FirstContacts15m] = s.FirstContacts15m;
        f[Feature.FirstContacts1h] = s.FirstContacts1h;
    }

    private static float Ratio(float part, float whole) => whole > 1e-3f ? Math.Clamp(part / whole, 0f, 1f) : 0f;

    private static float Mean(float sum, float count) => count > 1e-3f ? sum / count : 0f;

    private bool IsNight(long unixMs)
    {
        var localSecondOfDay = (((unixMs / 1000) + _utcOffsetSeconds) % 86_400 + 86_400) % 86_400;
        var hour = (int)(localSecondOfDay / 3600);
        return _nightStart <= _nightEnd ? hour >= _nightStart && hour < _nightEnd : hour >= _nightStart || hour < _nightEnd;
    }

    internal static uint Seconds(long unixMs)
    {
        var seconds = (unixMs - s_epochMs) / 1000;
        return seconds <= 0 ? 0 : seconds >= uint.MaxValue ? uint.MaxValue : (uint)seconds;
    }
}
