using System.Text.Json;

namespace FraudStream.Simulator.Tests.Realism;

[TestFixture]
public sealed class DuplicatesAndMalformedTests
{
    private static readonly SimulationOptions s_options = new() { Population = 5_000 };

    [Test]
    public void Duplicates_10_percent_repeats_a_tenth_of_the_records_byte_for_byte_a_little_later()
    {
        var sample = SimulatedSample.Generate(s_options with { Duplicates = 0.1 }, 100_000);
        var firstSeen = new Dictionary<string, int>();
        var repeats = 0;
        for (var i = 0; i < sample.Lines.Count; i++)
        {
            var id = JsonDocument.Parse(sample.Lines[i]).RootElement.GetProperty("recordId").GetString()!;
            if (!firstSeen.TryAdd(id, i))
            {
                repeats++;
                Assert.That(sample.Lines[i], Is.EqualTo(sample.Lines[firstSeen[id]]), "a duplicate is byte-identical");
                Assert.That(i - firstSeen[id], Is.InRange(1, 2_000), "and comes a little later");
            }
        }

        Assert.That((double)repeats / firstSeen.Count, Is.EqualTo(0.1).Within(0.01));
        Assert.That(repeats, Is.EqualTo(sample.Origins.Count(o => o == RecordOrigin.Duplicate)));
    }

    [Test]
    public void Malformed_1_percent_adds_a_hundredth_of_lines_that_are_not_valid_records_of_every_breakage()
    {
        var sample = SimulatedSample.Generate(s_options with { Malformed = 0.01 }, 100_000);
        var problems = new List<string>();
        foreach (var line in sample.Lines)
        {
            if (CdrContract.Parse(line, out var problem) is null)
                problems.Add(problem![..Math.Min(problem!.Length, 12)]);
        }

        Assert.That((double)problems.Count / sample.Originals.Count, Is.EqualTo(0.01).Within(0.002));
        Assert.That(problems, Has.Count.EqualTo(sample.Origins.Count(o => o == RecordOrigin.Malformed)), "every malformed line, and only those, breaks the contract");
        Assert.That(problems.Distinct().Count(), Is.GreaterThanOrEqualTo(5), string.Join(", ", problems.Distinct()));
    }

    [Test]
    public void Malformed_records_keep_unique_ids_and_add_nothing_to_the_ground_truth()
    {
        // 50,000 records of which 1/1.25 are originals span what 40,000 plain records do: same events, fewer of them.
        var plain = SimulatedSample.Generate(s_options, 50_000, expectedRecords: 40_000);
        var noisy = SimulatedSample.Generate(s_options with { Malformed = 0.25 }, 50_000);
        var malformedIds = noisy.Lines.Where((_, i) => noisy.Origins[i] == RecordOrigin.Malformed)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, "sim-42-[0-9]{12}").Value).Where(id => id.Length > 0).ToList();

        Assert.That(malformedIds, Has.Count.GreaterThan(5_000));
        Assert.That(malformedIds.Concat(noisy.Originals.Select(c => c.RecordId)), Is.Unique);
        Assert.That(noisy.Truth, Is.SubsetOf(plain.Truth), "the same originals, fewer of them: no truth of its own");
    }
}
