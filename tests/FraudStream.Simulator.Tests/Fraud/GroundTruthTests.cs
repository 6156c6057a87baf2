using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class GroundTruthTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Truth_names_suspects_of_every_kind_and_only_numbers_that_appear_in_the_records()
    {
        var seen = Sample.Originals.SelectMany(c => new[] { c.Caller, c.Callee }).ToHashSet();

        Assert.That(Sample.Truth.Where(e => e.Role == TruthRole.Suspect).Select(e => e.Kind).Distinct(), Is.EquivalentTo(FraudKinds.All));
        Assert.That(Sample.Truth.Select(e => e.E164).Where(n => !seen.Contains(n)), Is.Empty);
    }

    [Test]
    public void WriteCsv_writes_the_header_and_one_line_per_number_kind_and_role()
    {
        var lines = Sample.TruthCsv.TrimEnd('\n').Split('\n');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();

        Assert.That(lines[0], Is.EqualTo("number,kind,role,actorId"));
        Assert.That(rows, Has.Count.EqualTo(Sample.Truth.Count));
        Assert.That(rows.Select(r => r.Length), Has.All.EqualTo(4));
        Assert.That(rows.Select(r => (r[0], r[1], r[2])), Is.Unique);
        Assert.That(rows.Select(r => r[0]), Has.All.Matches<string>(CdrContract.IsE164));
        Assert.That(rows.Select(r => r[1]).Distinct(), Is.EquivalentTo(new[] { "wangiri", "call_bombing", "harassment", "robocall", "scam", "irsf", "simbox", "sms_flood" }));
        Assert.That(rows.Select(r => r[2]).Distinct(), Is.EquivalentTo(new[] { "suspect", "victim" }));
    }
}
