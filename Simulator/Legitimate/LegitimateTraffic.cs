using FraudStream.Simulator.Scheduling;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// The everyday traffic of the population, about 14 events per subscriber per simulated day: three quarters
/// of voice calls go to contacts, person-to-person SMS almost only to contacts, plus hotlines, service texts,
/// families abroad and couriers; heavy callers and call centres when the variation asks for them.
/// </summary>
internal static class LegitimateTraffic
{
    private const double ContactCallsPerSubscriber = 6.0;
    private const double StrangerCallsPerSubscriber = 1.2;
    private const double BusinessCallsPerSubscriber = 0.8;
    private const double ContactSmsPerSubscriber = 4.5;
    private const double ServiceSmsPerSubscriber = 0.7;
    private const double CallsPerFamilyAbroad = 1.5;
    private const double CallsPerDriver = 80;
    private const double CallsPerHeavyCaller = 150;
    private const double CallsPerCallCentre = 450;

    /// <summary>Creates the sources; returns their total events per simulated day.</summary>
    public static double AddTo(SourceScheduler scheduler, World world)
    {
        var n = world.Subscribers.Count * world.Variation.Activity;
        List<PoissonSource> sources =
        [
            new ContactCalls(world, n * ContactCallsPerSubscriber),
            new ContactSms(world, n * ContactSmsPerSubscriber),
            new StrangerCalls(world, n * StrangerCallsPerSubscriber),
            new BusinessCalls(world, n * BusinessCallsPerSubscriber),
            new ServiceSms(world, n * ServiceSmsPerSubscriber),
            new FamilyAbroadCalls(world, world.Families.Members.Length * CallsPerFamilyAbroad),
            new DeliveryDriverCalls(world, world.Drivers.Members.Length * CallsPerDriver * world.Variation.CourierIntensity),
        ];
        if (world.HeavyCallers is { } heavy)
            sources.Add(new HeavyCallerCalls(world, heavy, heavy.Members.Length * CallsPerHeavyCaller));
        if (world.CallCentres is { } centres)
            sources.Add(new CallCentreCalls(world, centres, centres.Members.Length * CallsPerCallCentre));

        var perDay = 0.0;
        foreach (var source in sources)
        {
            scheduler.Add(source);
            perDay += source.PerDay;
        }

        return perDay;
    }
}
