using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// A scam call (fake police, fake bank, "your parcel holds drugs"): a foreign number the victim never dealt
/// with, sometimes a few short attempts first, then one long answered call of 10-60 minutes while the victim
/// is talked into paying. Each episode uses a fresh number and a fresh victim, as scam centres rotate numbers.
/// </summary>
internal sealed class ScamActor(World world, int index, double intensity) : FraudActor(world, FraudKind.Scam, index, intensity)
{
    private const int FirstHour = 9;
    private const int EndHour = 21;

    protected override long FirstEpisode()
        => World.MomentBetween((long)(0.05 * World.HorizonMs), (long)(0.9 * World.HorizonMs), FirstHour, EndHour);

    protected override long NextEpisode(long lastEvent)
        => World.MomentBetween(lastEvent + (SimClock.MsPerDay / 2), lastEvent + (3 * SimClock.MsPerDay / 2), FirstHour, EndHour);

    protected override void PlanEpisode(long start)
    {
        var t = start;
        var number = World.Plan.NewForeign(World.Plan.ScamOrigins, Rng);
        var victim = World.Subscribers.Numbers[World.Recruit()];
        var suspect = Suspect(number);
        var victimTruth = Victim(victim);

        var attempts = Rng.NextDouble() switch { < 0.4 => 0, < 0.65 => 1, < 0.85 => 2, _ => 3 };
        for (var i = 0; i < attempts; i++)
        {
            var attempt = new CallRecord { TimeMs = t, Caller = number, Callee = victim, CallerTruth = suspect, CalleeTruth = victimTruth };
            if (Rng.Chance(0.4))
                CallOutcome.Answered(ref attempt, Rng.Between(3000, 15_000), Rng.Between(5, 40));
            else
                CallOutcome.Unanswered(ref attempt, Rng);
            Add(attempt);
            t += (long)Rng.Uniform(2, 20) * 60_000;
        }

        var hook = new CallRecord { TimeMs = t, Caller = number, Callee = victim, CallerTruth = suspect, CalleeTruth = victimTruth };
        CallOutcome.Answered(ref hook, Rng.Between(3000, 12_000), Rng.Between(600, 3600));
        Add(hook);
    }
}
