using FraudStream.Scoring.Redis;
using StackExchange.Redis;

namespace FraudStream.Host.Tests.Commands;

/// <summary><c>fraudstream labels</c> in this process against a private redis-server.</summary>
[TestFixture]
[NonParallelizable]
public sealed class LabelsCommandTests
{
    private PrivateRedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private string _csv = null!;

    [OneTimeSetUp]
    public void StartRedis()
    {
        _server = PrivateRedisServer.Start();
        // Through RedisConnector, as every connection of FraudStream's (BacklogPolicy.FailFast); allowAdmin for FLUSHALL.
        _redis = RedisConnector.Connect(new RedisOptions { Configuration = _server.Configuration + ",allowAdmin=true" });
    }

    [OneTimeTearDown]
    public void StopRedis()
    {
        _redis.Dispose();
        _server.Dispose();
    }

    [SetUp]
    public void EmptyRedis()
    {
        _redis.GetServer(_server.Configuration).FlushAllDatabases();
        _csv = Path.Combine(Path.GetTempPath(), $"fraudstream-labels-{Guid.NewGuid():N}.csv");
    }

    [TearDown]
    public void RemoveCsv() => File.Delete(_csv);

    [Test]
    public async Task Import_reports_each_broken_row_with_its_line_imports_the_good_rows_and_exits_1()
    {
        await File.WriteAllTextAsync(_csv, """
            number,category,source,reason,expires
            +8613800000001,fraud,police,"case 117, Beijing",
            +86abc,fraud,police,typo,
            13800000002,defaulter,court,court list 12,2099-01-01T00:00:00Z

            13800000003,bogus,report,x,
            13800000004,spam,report,x,yesterday
            13800000005,spam,report,too,many,fields
            13800000006,spam,report,"never closed,
            """);

        var (exit, output, error) = await RunAsync("labels", "import", _csv);

        Assert.That(exit, Is.EqualTo(1));
        var lines = error.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(5), error);
        Assert.That(lines[0], Does.StartWith($"fraudstream: {_csv}:3: number '+86abc'"));
        Assert.That(lines[1], Does.StartWith($"fraudstream: {_csv}:6: category 'bogus'"));
        Assert.That(lines[2], Does.StartWith($"fraudstream: {_csv}:7: expires 'yesterday'"));
        Assert.That(lines[3], Does.StartWith($"fraudstream: {_csv}:8: expected 5 fields"));
        Assert.That(lines[4], Does.StartWith($"fraudstream: {_csv}:9: field 4: quote not closed"));
        Assert.That(output, Does.Contain("imported 2 labels").And.Contain("5 rows rejected"));

        var (_, listed, _) = await RunAsync("labels", "list");
        Assert.That(listed, Does.Contain("+8613800000001").And.Contain("case 117, Beijing").And.Contain("+8613800000002").And.Contain("2099-01-01T00:00:00Z"));
        Assert.That(listed.TrimEnd().Split('\n'), Has.Length.EqualTo(3), "a header and the two good rows");
    }

    [Test]
    public async Task Import_of_a_clean_file_exits_0()
    {
        await File.WriteAllTextAsync(_csv, "number,category,source,reason,expires\n+8613800000001,scam,report,fake prize,30d\n");

        var (exit, output, error) = await RunAsync("labels", "import", _csv);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("imported 1 labels").And.Contain("0 rows rejected"));
    }

    [Test]
    public async Task Add_list_remove_round_trip_shows_the_label_then_not_and_audits_both()
    {
        var added = await RunAsync("labels", "add", "13800000001", "--category", "defaulter", "--source", "court", "--reason", "court list 12");
        var listed = await RunAsync("labels", "list", "--category", "defaulter");
        var removed = await RunAsync("labels", "remove", "+8613800000001", "--reason", "debt paid");
        var after = await RunAsync("labels", "list");
        var audit = await RunAsync("labels", "audit", "+8613800000001");

        Assert.That(added.ExitCode, Is.Zero, added.Error);
        Assert.That(added.Output, Does.Contain("+8613800000001 labelled defaulter (source court, action label, expires never)"));
        Assert.That(listed.Output, Does.Contain("+8613800000001").And.Contain("defaulter").And.Contain("court list 12"));
        Assert.That(removed.ExitCode, Is.Zero, removed.Error);
        Assert.That(after.Output.Trim(), Is.EqualTo("no labels"));
        var trail = audit.Output.TrimEnd().Split('\n');
        Assert.That(trail, Has.Length.EqualTo(2));
        Assert.That(trail[0], Does.Contain("remove").And.Contain("debt paid"));
        Assert.That(trail[1], Does.Contain("add").And.Contain("court list 12"));
    }

    [Test]
    public async Task Add_with_ttl_and_action_override_is_listed_with_both()
    {
        var (exit, output, error) = await RunAsync("labels", "add", "+8613800000001", "--category", "spam", "--source", "report", "--action", "block", "--ttl", "2h");

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("action block").And.Not.Contain("expires never"));
        var stored = _redis.GetDatabase().HashGet("fraudstream:bl:label:8613800000001", "exp");
        Assert.That((long)stored - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Is.InRange(TimeSpan.FromMinutes(119).TotalMilliseconds, TimeSpan.FromHours(2).TotalMilliseconds));
    }

    [Test]
    public async Task Remove_of_an_unlabelled_number_says_so_and_exits_1()
    {
        var (exit, _, error) = await RunAsync("labels", "remove", "+8613800000001", "--reason", "mistake");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.Trim(), Is.EqualTo("fraudstream: +8613800000001 has no label"));
    }

    [Test]
    public async Task Policy_set_then_show_reports_the_opt_ins()
    {
        var set = await RunAsync("labels", "policy", "set", "13911112222", "--block-overseas", "on");
        var show = await RunAsync("labels", "policy", "show", "+8613911112222");

        Assert.That(set.ExitCode, Is.Zero, set.Error);
        Assert.That(show.Output.Trim(), Is.EqualTo("+8613911112222: block-overseas on, warn off"));
    }

    [Test]
    public async Task Prefix_add_list_remove_round_trip()
    {
        var add = await RunAsync("labels", "prefix", "add", "88213", "--action", "block", "--category", "wangiri", "--reason", "IRSF range");
        var list = await RunAsync("labels", "prefix", "list");
        var remove = await RunAsync("labels", "prefix", "remove", "88213");
        var empty = await RunAsync("labels", "prefix", "list");

        Assert.That(add.ExitCode, Is.Zero, add.Error);
        Assert.That(list.Output, Does.Match(@"88213\s+block\s+wangiri\s+\S+\s+IRSF range"));
        Assert.That(remove.ExitCode, Is.Zero, remove.Error);
        Assert.That(empty.Output.Trim(), Is.EqualTo("no prefix rules"));
    }

    [TestCase(new[] { "labels", "add", "abc", "--category", "fraud", "--source", "police" }, "number 'abc'")]
    [TestCase(new[] { "labels", "add", "+8613800000001", "--category", "fraudulent", "--source", "police" }, "--category 'fraudulent'")]
    [TestCase(new[] { "labels", "add", "+8613800000001", "--category", "fraud", "--source", "neighbour" }, "--source 'neighbour'")]
    [TestCase(new[] { "labels", "add", "+8613800000001", "--category", "fraud" }, "--source")]
    [TestCase(new[] { "labels", "add", "+8613800000001", "--category", "allow", "--source", "carrier", "--action", "block" }, "category allow always has action allow")]
    [TestCase(new[] { "labels", "add", "+8613800000001", "--category", "fraud", "--source", "police", "--ttl", "soon" }, "--ttl 'soon'")]
    [TestCase(new[] { "labels", "add", "+8613800000001", "--category", "fraud", "--source", "police", "--expires", "2020-01-01T00:00:00Z" }, "already past")]
    [TestCase(new[] { "labels", "add", "+8613800000001", "--category", "fraud", "--source", "police", "--ttl", "1d", "--expires", "2099-01-01T00:00:00Z" }, "one or the other")]
    [TestCase(new[] { "labels", "remove", "+8613800000001" }, "--reason")]
    [TestCase(new[] { "labels", "list", "--limit", "0" }, "--limit 0")]
    [TestCase(new[] { "labels", "import", "/nonexistent/labels.csv" }, "no such file")]
    [TestCase(new[] { "labels", "policy", "set", "+8613911112222" }, "--block-overseas on|off")]
    [TestCase(new[] { "labels", "policy", "set", "+8613911112222", "--warn", "maybe" }, "--warn 'maybe'")]
    [TestCase(new[] { "labels", "prefix", "add", "0882", "--action", "block", "--category", "fraud" }, "prefix '0882'")]
    public async Task Bad_arguments_print_one_line_and_exit_2(string[] args, string named)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: ").And.Contain(named));
    }

    [Test]
    public async Task Import_without_the_header_is_refused_before_anything_is_written()
    {
        await File.WriteAllTextAsync(_csv, "+8613800000001,fraud,police,x,\n");

        var (exit, _, error) = await RunAsync("labels", "import", _csv);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"{_csv}:1: expected the header"));
        Assert.That(_redis.GetDatabase().KeyExists("fraudstream:bl:version"), Is.False);
    }

    [Test]
    public async Task Unreachable_redis_is_one_line_naming_it_and_exit_1()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("labels", "list", "--redis", "127.0.0.1:1");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: Redis at 127.0.0.1:1 is unreachable: ").And.Contain("refused"));
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
        => CliRunner.RunInProcessAsync([.. args, "--redis", _server.Configuration]);
}
