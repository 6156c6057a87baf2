using FraudStream.Simulator.Population;
using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Tests.Population;

[TestFixture]
public sealed class ContactGraphTests
{
    [Test]
    public void Build_gives_5_to_50_mostly_mutual_contacts_with_a_long_tail()
    {
        const int count = 20_000;
        var (start, contacts) = ContactGraph.Build(count, new Rng(1));
        var sets = Enumerable.Range(0, count).Select(s => contacts[start[s]..start[s + 1]].ToHashSet()).ToList();
        var sizes = sets.Select(s => s.Count).ToList();
        var mutual = sets.SelectMany((set, s) => set.Select(other => sets[other].Contains(s))).Count(m => m);

        Assert.That(sizes, Has.All.InRange(ContactGraph.MinContacts, ContactGraph.MaxContacts));
        Assert.That(sizes.Average(), Is.InRange(8, 30));
        Assert.That(sizes.Count(s => s >= 35), Is.GreaterThan(count / 100), "a few people know many");
        Assert.That((double)mutual / contacts.Length, Is.GreaterThan(0.7), "contact is mostly mutual");
        Assert.That(sets.Select((set, s) => set.Contains(s)), Has.None.True, "nobody is their own contact");
    }
}
