using FraudStream.Ingest.Cdr;

namespace FraudStream.Scoring.Risk;

/// <summary>
/// Per-number aggregates of CDRs, named and defined as the Sichuan dataset's columns they match
/// (<see cref="RiskColumns.CdrComputable"/>; docs/risk.md has the mapping): a voice CDR counts for its caller
/// (outgoing, calltype 1) and its callee (incoming, calltype 2), an SMS the same way; <c>imeis</c> counts the handsets of
/// a number's outgoing voice calls (a CDR carries the caller's IMEI only). Hours and days are local
/// (UTC plus an offset). A number without voice records has its voice columns missing, as in the dataset.
/// </summary>
public sealed class CdrAggregator(TimeSpan utcOffset)
{
    private readonly Dictionary<ulong, (NumberHistory? Voice, NumberHistory? Sms, HashSet<ulong> Imeis, bool Originated)> _numbers = [];

    /// <summary>How many numbers have a row: every number seen as caller or callee.</summary>
    public int Numbers => _numbers.Count;

    public void Add(in CallEvent e)
    {
        var local = DateTimeOffset.FromUnixTimeMilliseconds(e.StartTimeMs).ToOffset(utcOffset);
        var seconds = e.Type == CallType.Voice ? e.DurationSec : 0;
        Side(e.Caller.Value, e.Type, originated: true).Add(e.Callee.Value, outgoing: true, seconds, local.Hour, local.Day);
        Side(e.Callee.Value, e.Type, originated: false).Add(e.Caller.Value, outgoing: false, seconds, local.Hour, local.Day);
        if (e.Imei != 0 && e.Type == CallType.Voice)
            _numbers[e.Caller.Value].Imeis.Add(e.Imei);
    }

    /// <summary>The table: one row per number (ids as +E.164), ordered by number.</summary>
    /// <param name="callersOnly">Only numbers that placed a call or sent an SMS (a carrier's active lines), not everyone they reached.</param>
    public RiskTable ToTable(string source, bool callersOnly)
    {
        var columns = RiskColumns.CdrComputable;
        var numbers = _numbers.Where(n => !callersOnly || n.Value.Originated).Select(n => n.Key).Order().ToList();
        var values = new float[numbers.Count * columns.Count];
        for (var r = 0; r < numbers.Count; r++)
            Fill(_numbers[numbers[r]], values.AsSpan(r * columns.Count, columns.Count));
        return new RiskTable(source, "number", columns, [.. numbers.Select(n => "+" + n.ToString(System.Globalization.CultureInfo.InvariantCulture))], values, null);
    }

    private NumberHistory Side(ulong number, CallType type, bool originated)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_numbers, number, out var exists);
        if (!exists)
            entry = (null, null, [], false);
        entry.Originated |= originated;
        return type == CallType.Voice ? entry.Voice ??= new NumberHistory() : entry.Sms ??= new NumberHistory();
    }

    // In RiskColumns.CdrComputable's order.
    private static void Fill((NumberHistory? Voice, NumberHistory? Sms, HashSet<ulong> Imeis, bool Originated) n, Span<float> row)
    {
        row.Fill(float.NaN);
        var i = 0;
        if (n.Voice is { } v)
        {
            var perCounterpart = v.Counterparts.Values.Select(c => (double)c.Count).ToList();
            var secondsPerCounterpart = v.Counterparts.Values.Select(c => c.Seconds).ToList();
            var durations = v.Durations.Select(d => (double)d).ToList();
            var (hourMode, hourModeCount, hours) = NumberHistory.Mode(v.Hours, 0);
            var (dayMode, dayModeCount, days) = NumberHistory.Mode(v.Days, 1);
            row[i++] = v.Records;                                   // opposite_count
            row[i++] = v.Counterparts.Count;                        // opposite_unique
            row[i++] = v.Outgoing;                                  // voccalltype1
            row[i++] = n.Imeis.Count;                               // imeis
            row[i++] = (float)v.Outgoing / v.Records;               // voc_calltype1
            row[i++] = (float)perCounterpart.Average();             // phone2opposite_mean
            row[i++] = (float)NumberHistory.Median(perCounterpart); // phone2opposite_median
            row[i++] = (float)perCounterpart.Max();                 // phone2opposite_max
            row[i++] = (float)secondsPerCounterpart.Average();      // phone2oppo_sum_mean
            row[i++] = (float)NumberHistory.Median(secondsPerCounterpart);
            row[i++] = (float)secondsPerCounterpart.Max();
            row[i++] = (float)durations.Average();                  // call_dur_mean
            row[i++] = (float)NumberHistory.Median(durations);
            row[i++] = (float)durations.Max();
            row[i++] = (float)durations.Min();
            row[i++] = (v.Outgoing > 0 ? 1 : 0) + (v.Incoming > 0 ? 1 : 0); // calltype_id_unique
            row[i++] = hourMode;                                    // voc_hour_mode
            row[i++] = hourModeCount;
            row[i++] = hours;
            row[i++] = dayMode;                                     // voc_day_mode
            row[i++] = dayModeCount;
            row[i++] = days;
        }
        else
        {
            i = 22;
        }

        if (n.Sms is { } s)
        {
            var (hourMode, hourModeCount, hours) = NumberHistory.Mode(s.Hours, 0);
            var (dayMode, dayModeCount, days) = NumberHistory.Mode(s.Days, 1);
            row[i++] = s.Records;                                   // sms_count
            row[i++] = s.Counterparts.Count;                        // sms_nunique
            row[i++] = (float)s.Records / s.Counterparts.Count;     // sms_rate
            row[i++] = s.Incoming;                                  // calltype_2 (received)
            row[i++] = (float)s.Incoming / s.Records;               // calltype_rate
            row[i++] = hourMode;                                    // hour_mode
            row[i++] = hourModeCount;
            row[i++] = hours;
            row[i++] = dayMode;                                     // day_mode
            row[i++] = dayModeCount;
            row[i] = days;
        }
    }
}
