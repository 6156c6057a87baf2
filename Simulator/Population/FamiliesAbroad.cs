using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// Subscribers with family or close friends abroad: each has 1-3 foreign numbers they call and are called
/// by regularly, with long answered calls. The legitimate look-alike of scam calls from abroad.
/// </summary>
internal sealed class FamiliesAbroad
{
    private readonly int[] _relativeStart;
    private readonly ulong[] _relatives;

    public FamiliesAbroad(NumberPlan plan, Subscribers subscribers, double share, Rng rng)
    {
        var count = Math.Max(1, (int)(subscribers.Count * share));
        Members = new int[count];
        _relativeStart = new int[count + 1];
        var relatives = new List<ulong>(count * 2);
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            int member;
            do
                member = subscribers.PickAny(rng);
            while (!chosen.Add(member));

            Members[i] = member;
            _relativeStart[i] = relatives.Count;
            // A family lives in one country: all of a member's relatives come from the same range.
            var range = plan.FamilyAbroad[rng.Next(plan.FamilyAbroad.Length)];
            for (var r = rng.Between(1, 3); r > 0; r--)
                relatives.Add(plan.NewIn(range, rng));
        }

        _relativeStart[count] = relatives.Count;
        _relatives = [.. relatives];
        MemberSet = chosen;
    }

    /// <summary>Subscriber indexes of the members.</summary>
    public int[] Members { get; }

    public IReadOnlySet<int> MemberSet { get; }

    public ReadOnlySpan<ulong> RelativesOf(int memberSlot)
        => _relatives.AsSpan(_relativeStart[memberSlot], _relativeStart[memberSlot + 1] - _relativeStart[memberSlot]);
}
