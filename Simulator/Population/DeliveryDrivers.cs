using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// Couriers: a few hundred subscribers who call many different strangers a day, briefly, and are mostly
/// answered. The legitimate look-alike of robocalls and SIM boxes (high fan-out).
/// </summary>
internal sealed class DeliveryDrivers
{
    public DeliveryDrivers(Subscribers subscribers, int count, IReadOnlySet<int> exclude, Rng rng)
    {
        var chosen = new HashSet<int>();
        Members = new int[count];
        for (var i = 0; i < count; i++)
        {
            int member;
            do
                member = subscribers.PickAny(rng);
            while (exclude.Contains(member) || !chosen.Add(member));
            Members[i] = member;
        }

        MemberSet = chosen;
    }

    /// <summary>Subscriber indexes of the drivers.</summary>
    public int[] Members { get; }

    public IReadOnlySet<int> MemberSet { get; }
}
