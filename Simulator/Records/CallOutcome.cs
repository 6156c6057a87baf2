using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Records;

/// <summary>How a call ends: answered or not, how long it rang, how long it lasted.</summary>
internal static class CallOutcome
{
    private const int MaxDurationSec = 4 * 3600;

    /// <summary>
    /// Fills answer, ring and duration: ring times of answered calls are lognormal around 7 s; unanswered calls
    /// either ring out (20-45 s, the network's no-answer timer) or are rejected early; talk times are lognormal.
    /// </summary>
    public static void Voice(ref CallRecord r, Rng rng, double answerRate, double medianSec, double sigma)
    {
        r.Type = CallType.Voice;
        if (rng.Chance(answerRate))
        {
            r.Answered = true;
            r.RingMs = Clamp((int)rng.LogNormal(7000, 0.45), 800, 40_000);
            r.DurationSec = Clamp((int)rng.LogNormal(medianSec, sigma), 1, MaxDurationSec);
        }
        else
        {
            Unanswered(ref r, rng);
        }
    }

    /// <summary>An unanswered call: rang out or rejected.</summary>
    public static void Unanswered(ref CallRecord r, Rng rng)
    {
        r.Type = CallType.Voice;
        r.Answered = false;
        r.DurationSec = 0;
        r.RingMs = rng.Chance(0.7) ? rng.Between(20_000, 45_000) : rng.Between(1_500, 12_000);
    }

    /// <summary>An answered call with an explicit ring and talk time.</summary>
    public static void Answered(ref CallRecord r, int ringMs, int durationSec)
    {
        r.Type = CallType.Voice;
        r.Answered = true;
        r.RingMs = ringMs;
        r.DurationSec = Clamp(durationSec, 1, MaxDurationSec);
    }

    public static void Sms(ref CallRecord r)
    {
        r.Type = CallType.Sms;
        r.Answered = false;
        r.RingMs = 0;
        r.DurationSec = 0;
    }

    public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;
}
