using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Tests.Harness;

[TestFixture]
public sealed class RunHistoryTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), $"fraudstream-history-{Guid.NewGuid():N}", "history");

    [TearDown]
    public void DeleteDirectory()
    {
        var parent = Path.GetDirectoryName(_directory)!;
        if (Directory.Exists(parent))
            Directory.Delete(parent, recursive: true);
    }

    [Test]
    public void MonthFile_is_named_after_the_utc_month_of_the_start()
    {
        // 00:30 on 1 January in UTC+02:00 is still 31 December in UTC.
        var started = new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.FromHours(2));

        Assert.That(RunHistory.MonthFile(_directory, started), Is.EqualTo(Path.Combine(_directory, "2026-12.md")));
    }

    [Test]
    public void Prepare_creates_the_directory_and_the_month_file_with_its_heading()
    {
        var path = RunHistory.Prepare(_directory, new DateTimeOffset(2026, 12, 7, 0, 4, 0, TimeSpan.Zero));

        Assert.That(path, Is.EqualTo(Path.Combine(_directory, "2026-12.md")));
        Assert.That(File.ReadAllText(path), Is.EqualTo("# Runs of December 2026\n"));
    }

    [Test]
    public void Prepare_leaves_an_existing_month_file_as_it_is()
    {
        var started = new DateTimeOffset(2026, 12, 7, 0, 4, 0, TimeSpan.Zero);
        var path = RunHistory.Prepare(_directory, started);
        File.AppendAllText(path, "\n## Load test: `fraudstream bench`\n");

        Assert.That(RunHistory.Prepare(_directory, started.AddDays(20)), Is.EqualTo(path));
        Assert.That(File.ReadAllText(path), Is.EqualTo("# Runs of December 2026\n\n## Load test: `fraudstream bench`\n"));
    }

    [Test]
    public void FindDirectory_is_benchmarks_history_of_this_checkout()
    {
        var found = RunHistory.FindDirectory();

        Assert.That(found, Is.Not.Null, "the tests run from a checkout of FraudStream");
        Assert.That(File.Exists(Path.Combine(found!, "..", "..", "FraudStream.sln")), Is.True, found);
        Assert.That(found, Does.EndWith(Path.Combine("benchmarks", "history")));
    }
}
