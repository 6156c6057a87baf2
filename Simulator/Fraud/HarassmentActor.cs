using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// Harassment (a stalker, an ex-partner): one caller calling the same callee again and again, in bursts, for
/// days, at any hour; mostly rejected or unanswered, the rest short; now and then a text.
/// </summary>
internal sealed class HarassmentActor : FraudActor
{
    private readonly ulong _caller;
    private readonly int _callerSubscriber;
    private readonly ulong _callee;

    public HarassmentActor(World world, int index, double intensity)
        : base(world, FraudKind.Harassment, index, intensity)
    {
        // Most harassers are on the same network (their handset and cell are known); some are not.
        _callerSubscriber = Rng.Chance(0.6) ? world.Recruit() : -1;
        _caller = _callerSubscriber >= 0 ? world.Subscribers.Numbers[_callerSubscriber] : world.Plan.NewMobile(Rng);
        _callee = world.Subscribers.Numbers[world.Recruit()];
    }

    protected override long FirstEpisode() => (long)(Rng.NextDouble() * 0.5 * World.HorizonMs);

    protected override long NextEpisode(long lastEvent) => lastEvent + 1;

    protected override void PlanEpisode(long start)
    {
        // One day of harassment: bursts of 2-6 calls minutes apart, mostly while awake.
        var end = start + SimClock.MsPerDay;
        var calls = Scaled(Rng.Between(8, 30));
        var suspect = Suspect(_caller);
        var victim = Victim(_callee);
        while (calls > 0)
        {
            var t = Rng.Chance(0.85) ? World.MomentBetween(start, end, 7, 24) : start + (long)(Rng.NextDouble() * SimClock.MsPerDay);
            for (var burst = Rng.Between(2, 6); burst > 0 && calls > 0; burst--, calls--)
            {
                var r = new CallRecord { TimeMs = t, Caller = _caller, Callee = _callee, CallerTruth = suspect, CalleeTruth = victim };
                if (_callerSubscriber >= 0)
                    World.StampDevice(ref r, _callerSubscriber);
                if (Rng.Chance(0.2))
                    CallOutcome.Sms(ref r);
                else if (Rng.Chance(0.2))
                    CallOutcome.Answered(ref r, Rng.Between(2000, 15_000), Rng.Between(3, 40));
                else
                    CallOutcome.Unanswered(ref r, Rng);
                Add(r);
                t += (long)(Rng.Uniform(1, 5) * 60_000);
            }
        }
    }
}
