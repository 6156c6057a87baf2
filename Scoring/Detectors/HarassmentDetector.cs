using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Harassment, the caller's half: one caller reaching the same callee again and again within the hour, mostly
/// rejected or cut short. A friend calling back two or three times, and talking, stays below. It names no one:
/// it marks the event as pursuing its callee (<see cref="Decision.Pursuit"/>), and the callee side names the
/// caller and the callee (<see cref="HarassmentConfirmation"/>) unless the callee is being flooded by several
/// numbers at once — each number of a call-bombing pool also rings one person only, and only the callee side
/// sees that there are several. A caller seen flooding a victim lately (shared with <see cref="CallBombingDetector"/>)
/// is bombing, not harassing, and is left to that rule. A caller whose own calls to one number reach the
/// bombing level is marked in <paramref name="bombers"/> here, on the caller's side, which is where the
/// pipeline reads the mark to tell the callee side that this caller is flooding someone (the contacts of a
/// debt-collection victim are then warned); it is still named a harasser when it pursues that one person
/// only (few other new numbers in the hour), which is what harassment is, however many the calls.
/// With <paramref name="pairMemory"/> (the caller side's pair table, whose first contacts this reads) and
/// <paramref name="pursuits"/> it also follows pursuits kept up for hours: a harasser ringing a stranger a few times an
/// hour, in bursts across the day, never reaches five calls in one hour. Such an event is marked with the pursuit's
/// count, negated (<see cref="Decision.Pursuit"/>), so the callee side names it for what it is.
/// </summary>
public sealed class HarassmentDetector(RecentNumbers? bombers = null, PairRecency? pairMemory = null, PursuitMemory? pursuits = null) : IDetector
{
    private readonly PursuitMemory? _pursuits = pairMemory is null ? null : pursuits;

    public FraudKind Kind => FraudKind.Harassment;

    public Side Side => Side.Outbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var h = t.Harassment;
        if (!h.Enabled)
            return;

        // This event must itself be unwanted: a text, a rejected call or a short one.
        var unwantedNow = e.Type == CallType.Sms || !e.Answered || e.DurationSec < h.MinConversationSec;
        var pursuit = Pursue(e, f, h, unwantedNow);
        var pair = f[Feature.PairEvents1h];
        var focused = f[Feature.NewCounterparts1h] <= h.MaxNewCounterparts1h + (h.MaxNewCounterpartsPerPairEvent1h * pair)
            && pair >= h.MinPairShare1h * (f[Feature.Calls1h] + f[Feature.Sms1h]);
        var b = t.CallBombing;
        var flooding = bombers is not null && b.Enabled && pair >= b.MinCallsFromOneCaller1h && f[Feature.UnansweredRatio1h] >= b.MinUnansweredRatio1h;
        if (flooding)
        {
            // Marked either way, so the callee side names whoever else it calls; but a caller that floods one
            // person and reaches nobody else is that person's harasser, and is named so.
            bombers!.Mark(e.Caller.Value, e.StartTimeMs);
            if (!focused)
                return;
        }

        var withinHour = focused && pair >= h.MinPairEvents1h
            && Scores.ShortOrUnanswered(f[Feature.UnansweredRatio1h], f[Feature.ShortCallRatio1h]) >= h.MinUnwantedRatio1h;
        // A pursuit kept up for hours is its own evidence of focus: the hour's tests would miss a harasser with a busy life.
        var forHours = !withinHour && h.MinPursuitEvents > 0 && pursuit >= h.MinPursuitEvents && pair >= h.MinPursuitEvents1h
            && f[Feature.NewCounterparts1h] <= h.MaxNewCounterpartsInPursuit1h;
        if (!(withinHour || forHours) || !unwantedNow || f[Feature.Calls15m] > h.MaxCalls15m || f[Feature.Calls1m] > h.MaxCalls1m)
            return;

        // Seen flooding a victim with others (a pool's number, labelled by the callee stage): call bombing's to name.
        if (!flooding && bombers is not null && bombers.WasMarkedWithin(e.Caller.Value, e.StartTimeMs, t.CallBombing.ContactsMemoryMinutes, out _))
            return;

        decision.Pursuit = withinHour ? pair : -pursuit;
    }

    // The unwanted events of this pair's pursuit so far (0: none). A pursuit starts at an unwanted first contact, once
    // the pair memory reaches back far enough for "first" to mean a stranger, and from a caller not spraying new numbers.
    private int Pursue(in CallEvent e, in FeatureVector f, HarassmentThresholds h, bool unwantedNow)
    {
        if (_pursuits is null || h.MinPursuitEvents <= 0)
            return 0;

        if (f[Feature.FirstContact] == 0)
            return e.Type == CallType.Sms ? _pursuits.Peek(e.Caller.Value, e.Callee.Value) : _pursuits.Continue(e.Caller.Value, e.Callee.Value, e.StartTimeMs, unwantedNow, (int)(h.PursuitLapseHours * 60));

        var memory = FeatureExtractor.Seconds(e.StartTimeMs) - (long)pairMemory!.OldestSecond;
        if (unwantedNow && memory >= h.PursuitArmHours * 3600 && f[Feature.NewCounterparts1h] <= h.MaxNewCounterpartsInPursuit1h)
            _pursuits.Start(e.Caller.Value, e.Callee.Value, e.StartTimeMs);
        return 0;
    }
}
