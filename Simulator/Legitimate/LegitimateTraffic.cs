using FraudStream.Simulator.Scheduling;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// The everyday traffic of the population, about 14 events per subscriber per simulated day: three quarters
/// of voice calls go to contacts, person-to-person SMS almost only to contacts, plus hotlines, service texts,
/// families abroad and couriers.
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

    /// <summary>Creates the sources; returns their total events per simulated day.</summary>
    public static double AddTo(SourceScheduler scheduler, World world)
    {
        var n = world.Subscribers.Count;
        PoissonSource[] sources =
        [
            new ContactCalls(world, n * ContactCallsPerSubscriber),
            new ContactSms(world, n * ContactSmsPerSubscriber),
            new StrangerCalls(world, n * StrangerCallsPerSubscriber),
            new BusinessCalls(world, n * BusinessCallsPerSubscriber),
            new ServiceSms(world, n * ServiceSmsPerSubscriber),
            new FamilyAbroadCalls(world, world.Families.Members.Length * CallsPerFamilyAbroad),
            new DeliveryDriverCalls(world, world.Drivers.Members.Length * CallsPerDriver),
        ];

        var perDay = 0.0;
        foreach (var source in sources)
        {
            scheduler.Add(source);
            perDay += source.PerDay;
        }

        return perDay;
    }
}
