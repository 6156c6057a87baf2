using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// A group of distinct subscribers picked for a legitimate special role: couriers (many different strangers a
/// day, briefly, mostly answered: the look-alike of robocalls and SIM boxes), heavy callers, call centres.
/// </summary>
internal sealed class SubscriberGroup
{
    public SubscriberGroup(Subscribers subscribers, int count, IReadOnlySet<int> exclude, Rng rng)
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

    /// <summary>Subscriber indexes of the members.</summary>
    public int[] Members { get; }

    public IReadOnlySet<int> MemberSet { get; }
}
