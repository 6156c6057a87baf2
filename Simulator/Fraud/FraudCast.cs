using FraudStream.Simulator.Scheduling;

namespace FraudStream.Simulator.Fraud;

/// <summary>Creates the fraud actors the options ask for and hands them to the scheduler.</summary>
internal static class FraudCast
{
    /// <summary>Adds every actor; returns how many there are.</summary>
    public static int AddTo(SourceScheduler scheduler, World world, SimulationOptions options)
    {
        var actors = 0;
        foreach (var kind in FraudKinds.All)
        {
            var spec = options.Resolve(kind);
            for (var i = 0; i < spec.Count; i++)
            {
                var actor = Create(kind, world, i, spec.Intensity * options.Variation.FraudIntensity);
                actor.Begin();
                scheduler.Add(actor);
                actors++;
            }
        }

        return actors;
    }

    private static FraudActor Create(FraudKind kind, World world, int index, double intensity) => kind switch
    {
        FraudKind.Wangiri => new WangiriActor(world, index, intensity),
        FraudKind.CallBombing => new CallBombingActor(world, index, intensity),
        FraudKind.Harassment => new HarassmentActor(world, index, intensity),
        FraudKind.Robocall => new RobocallActor(world, index, intensity),
        FraudKind.Scam => new ScamActor(world, index, intensity),
        FraudKind.Irsf => new IrsfActor(world, index, intensity),
        FraudKind.Simbox => new SimboxActor(world, index, intensity),
        FraudKind.SmsFlood => new SmsFloodActor(world, index, intensity),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
