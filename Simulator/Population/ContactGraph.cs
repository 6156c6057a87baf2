using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// Builds who-calls-whom: every subscriber belongs to a household (3-7 people) and a social circle whose size
/// follows a power law (work, friends: 5 to 45), plus a few long-range contacts. Circles are symmetric, so
/// contact is mostly mutual and clustered, as in real call graphs. Lists hold 5 to 50 contacts, household
/// first: <see cref="Subscribers.PickContact"/> favours the front.
/// </summary>
internal static class ContactGraph
{
    public const int MinContacts = 5;
    public const int MaxContacts = 50;

    public static (int[] Start, int[] Contacts) Build(int count, Rng rng)
    {
        var household = Blocks(count, rng, static r => r.Between(3, 7));
        var socialOrder = Permutation(count, rng);
        var socialPosition = new int[count];
        for (var i = 0; i < count; i++)
            socialPosition[socialOrder[i]] = i;
        var social = Blocks(count, rng, static r => r.PowerLaw(5, 45, 1.3));

        var start = new int[count + 1];
        var contacts = new List<int>(count * 20);
        var seen = new HashSet<int>();
        for (var s = 0; s < count; s++)
        {
            start[s] = contacts.Count;
            seen.Clear();
            seen.Add(s);

            var (hFrom, hTo) = household[s];
            for (var other = hFrom; other < hTo; other++)
                Add(contacts, seen, other, start[s]);

            var (cFrom, cTo) = social[socialPosition[s]];
            for (var p = cFrom; p < cTo; p++)
                Add(contacts, seen, socialOrder[p], start[s]);

            var longRange = rng.Between(0, 3);
            while (contacts.Count - start[s] < MinContacts || longRange-- > 0)
                Add(contacts, seen, rng.Next(count), start[s]);
        }

        start[count] = contacts.Count;
        return (start, [.. contacts]);
    }

    private static void Add(List<int> contacts, HashSet<int> seen, int other, int listStart)
    {
        if (contacts.Count - listStart < MaxContacts && seen.Add(other))
            contacts.Add(other);
    }

    /// <summary>Cuts 0..count-1 into consecutive blocks; returns, per position, the [from, to) of its block.</summary>
    private static (int From, int To)[] Blocks(int count, Rng rng, Func<Rng, int> size)
    {
        var blocks = new (int, int)[count];
        for (var from = 0; from < count;)
        {
            var to = Math.Min(count, from + size(rng));
            for (var i = from; i < to; i++)
                blocks[i] = (from, to);
            from = to;
        }

        return blocks;
    }

    private static int[] Permutation(int count, Rng rng)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
            order[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
