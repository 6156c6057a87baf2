using FraudStream.Simulator.Records;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// A spam dialer: one number calling a different subscriber every few seconds at machine-regular spacing, in
/// office hours. Few answer, and those who do hang up within seconds.
/// </summary>
internal sealed class RobocallActor : FraudActor
{
    private const int FirstHour = 9;
    private const int LastHour = 18;
    private const double SpacingSec = 12;

    private readonly ulong _number;
    private readonly int _truth;

    public RobocallActor(World world, int index, double intensity)
        : base(world, FraudKind.Robocall, index, intensity)
    {
        _number = Rng.Chance(0.7) ? world.Plan.NewMobile(Rng) : world.Plan.NewBusiness(Rng);
        _truth = Suspect(_number);
    }

    protected override long FirstEpisode() => (long)(Rng.NextDouble() * 0.3 * World.HorizonMs);

    protected override long NextEpisode(long lastEvent) => lastEvent + 1;

    protected override void PlanEpisode(long after)
    {
        // One working day: from 09:00 (or now, if inside office hours) to 18:00.
        var clock = World.Clock;
        var hour = clock.HourOf(after);
        var start = hour is >= FirstHour and < LastHour ? after : clock.NextAtHour(after, FirstHour);
        var end = clock.NextAtHour(start, LastHour);
        var spacingMs = SpacingSec * 1000 / Intensity;
        for (var t = start + (long)(Rng.NextDouble() * spacingMs); t < end; t += (long)(spacingMs * Rng.Uniform(0.95, 1.05)))
        {
            var r = new CallRecord
            {
                TimeMs = t,
                Caller = _number,
                Callee = World.Subscribers.Numbers[World.Subscribers.PickAny(Rng)],
                CallerTruth = _truth,
                CliRestricted = Rng.Chance(0.03),
            };
            if (Rng.Chance(0.12))
                CallOutcome.Answered(ref r, Rng.Between(3000, 10_000), (int)Rng.LogNormal(10, 0.6));
            else
                CallOutcome.Unanswered(ref r, Rng);
            Add(r);
        }
    }
}
