using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Tests.Cdr;

/// <summary>The examples in docs/contracts are what carriers copy: each must decode as the document says.</summary>
[TestFixture]
public sealed class ContractExamplesTests
{
    private static readonly string s_examples = Path.Combine(FindRepositoryRoot(), "docs", "contracts", "examples");

    // alert-*.json and decision-*.json are FraudStream's output records (alert-v1.md), checked in FraudStream.Alerts.Tests.
    private static IEnumerable<string> ValidExamples()
        => Directory.GetFiles(s_examples, "*.json").Select(Path.GetFileName).Where(f => !f!.StartsWith("alert-", StringComparison.Ordinal) && !f!.StartsWith("decision-", StringComparison.Ordinal))!;

    [TestCaseSource(nameof(ValidExamples))]
    public void Valid_example_decodes(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(s_examples, file));

        var result = new CdrDecoder().Decode(bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var e);

        Assert.That(result.IsOk, Is.True, result.Message);
        Assert.That(e.Caller.Digits, Is.InRange(7, 15));
    }

    [TestCase("missing-callee.json", CdrError.MissingField)]
    [TestCase("negative-duration.json", CdrError.BadValue)]
    [TestCase("bad-number.json", CdrError.BadNumber)]
    [TestCase("not-json.txt", CdrError.NotJson)]
    public void Invalid_example_gets_the_documented_error(string file, CdrError expected)
    {
        var bytes = File.ReadAllBytes(Path.Combine(s_examples, "invalid", file));

        Assert.That(new CdrDecoder().Decode(bytes, TestCdrs.Now, out _).Error, Is.EqualTo(expected));
    }

    [Test]
    public void Every_example_file_is_covered_by_a_test()
    {
        Assert.That(Directory.GetFiles(Path.Combine(s_examples, "invalid")).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "missing-callee.json", "negative-duration.json", "bad-number.json", "not-json.txt" }));
        Assert.That(ValidExamples(), Is.Not.Empty);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("FraudStream.sln not found above " + AppContext.BaseDirectory);
    }
}
