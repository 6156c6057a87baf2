using System.Globalization;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;
using FraudStream.Tests.Shared;
using StackExchange.Redis;

namespace FraudStream.Host.Tests.Commands;

/// <summary>
/// <c>fraudstream risk</c> end to end: a fast model trained on the real Sichuan numbers, labels scored into a private
/// redis-server (an allow-listed number left alone) and into a CSV <c>labels import</c> takes, and bad input refused
/// in one line naming the line and the column, exit 2.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RiskCommandTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fraudstream-risk-" + Guid.NewGuid().ToString("N"));
    private PrivateRedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private string _model = null!;
    private string _numbers = null!;
    private List<(string Number, bool Fraud)> _rows = null!;

    [OneTimeSetUp]
    public async Task TrainAndStartRedis()
    {
        Directory.CreateDirectory(_folder);
        _model = Path.Combine(_folder, "risk.zip");
        var (exit, output, error) = await CliRunner.RunInProcessAsync(
            "risk", "train", "--data", SichuanData.Numbers, "--split", SichuanData.PaperSplit, "--fast", "--out", _model);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("6,106 numbers, 1,962 fraud").And.Contain("AUC").And.Contain("macro-F1").And.Contain("written to " + _model));

        // 40 real rows (the first 20 fraud and 20 legitimate numbers of the test part) under made-up phone numbers.
        _numbers = Path.Combine(_folder, "numbers.csv");
        _rows = [];
        var lines = File.ReadAllLines(SichuanData.Numbers);
        var test = File.ReadAllLines(SichuanData.PaperSplit).Skip(1).Select(l => l.Split(',')).Where(f => f[2] == "test").Select(f => int.Parse(f[0], CultureInfo.InvariantCulture));
        var picked = test.Where(r => lines[r + 1].EndsWith(",1", StringComparison.Ordinal)).Take(20)
            .Concat(test.Where(r => lines[r + 1].EndsWith(",0", StringComparison.Ordinal)).Take(20)).ToList();
        using (var writer = new StreamWriter(_numbers))
        {
            writer.WriteLine("number" + lines[0][lines[0].IndexOf(',', StringComparison.Ordinal)..]);
            for (var i = 0; i < picked.Count; i++)
            {
                var number = "+86138" + i.ToString("D8", CultureInfo.InvariantCulture);
                var line = lines[picked[i] + 1];
                writer.WriteLine(number + line[line.IndexOf(',', StringComparison.Ordinal)..]);
                _rows.Add((number, line.EndsWith(",1", StringComparison.Ordinal)));
            }
        }

        _server = PrivateRedisServer.Start();
        _redis = RedisConnector.Connect(new RedisOptions { Configuration = _server.Configuration + ",allowAdmin=true" });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _redis?.Dispose();
        _server?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [SetUp]
    public void EmptyRedis() => _redis.GetServer(_server.Configuration).FlushAllDatabases();

    [Test]
    public async Task Score_to_redis_labels_fraud_and_suspects_with_reasons_and_leaves_an_allow_listed_number_alone()
    {
        var allowListed = _rows[0].Number;
        var (added, _, addError) = await CliRunner.RunInProcessAsync("labels", "add", allowListed, "--category", "allow", "--source", "carrier", "--reason", "our test line", "--redis", _server.Configuration);
        Assert.That(added, Is.Zero, addError);

        var (exit, output, error) = await CliRunner.RunInProcessAsync("risk", "score", "--data", _numbers, "--model", _model, "--redis", _server.Configuration, "--ttl", "7d");

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("40 numbers scored").And.Contain("1 numbers kept their label"));
        var store = new LabelStore(_redis);
        var labelled = new List<(string Number, bool Fraud, LabelRecord Label)>();
        foreach (var (number, fraud) in _rows.Skip(1))
        {
            if (await store.GetAsync(ulong.Parse(number[1..], CultureInfo.InvariantCulture)) is { } label)
                labelled.Add((number, fraud, label));
        }

        Assert.That(labelled.Count(l => l.Fraud), Is.GreaterThanOrEqualTo(15), "most of the 19 fraud numbers");
        Assert.That(labelled.Count(l => !l.Fraud), Is.LessThanOrEqualTo(4), "few of the 20 legitimate numbers");
        Assert.That(labelled.Select(l => l.Label.Source), Is.All.EqualTo(LabelSource.RiskModel));
        Assert.That(labelled.Select(l => l.Label.Category), Is.All.AnyOf(LabelCategory.Fraud, LabelCategory.Suspect));
        Assert.That(labelled.Select(l => l.Label.Action), Is.All.AnyOf(LabelAction.Block, LabelAction.Warn));
        Assert.That(labelled.Select(l => l.Label.Reason), Is.All.Match(@"^risk 0\.\d\d \(model [0-9a-f]{12}\): [a-z0-9_]+ \S+ \+\d\.\d\d"));
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(labelled[0].Label.ExpiresMs);
        Assert.That(expires, Is.EqualTo(DateTimeOffset.UtcNow.AddDays(7)).Within(TimeSpan.FromMinutes(5)));

        var kept = await store.GetAsync(ulong.Parse(allowListed[1..], CultureInfo.InvariantCulture));
        Assert.That(kept!.Category, Is.EqualTo(LabelCategory.Allow), "an allow label always wins");
        Assert.That(kept.Reason, Is.EqualTo("our test line"));
    }

    [Test]
    public async Task Score_to_csv_writes_labels_that_labels_import_takes()
    {
        var csv = Path.Combine(_folder, "labels.csv");

        var (exit, output, error) = await CliRunner.RunInProcessAsync("risk", "score", "--data", _numbers, "--model", _model, "--out", csv);
        var (imported, importOutput, importError) = await CliRunner.RunInProcessAsync("labels", "import", csv, "--redis", _server.Configuration);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("labels written to " + csv));
        var lines = File.ReadAllLines(csv);
        Assert.That(lines[0], Is.EqualTo("number,category,source,reason,expires"));
        Assert.That(lines.Skip(1), Is.All.Match(@"^\+86138\d{8},(fraud|suspect),risk-model,risk 0\.\d\d .*,30d$"));
        Assert.That(imported, Is.Zero, importError);
        Assert.That(importOutput, Does.Contain($"imported {lines.Length - 1} labels").And.Contain("0 rows rejected"));
    }

    [Test]
    public async Task Features_of_simulated_cdrs_have_the_dataset_columns_and_a_bad_record_is_refused_by_line()
    {
        var cdrs = Path.Combine(_folder, "cdrs.jsonl");
        var features = Path.Combine(_folder, "features.csv");
        var (simulated, _, simulateError) = await CliRunner.RunInProcessAsync("simulate", "--out", cdrs, "--count", "20000", "--population", "2000", "--seed", "5");
        Assert.That(simulated, Is.Zero, simulateError);

        var (exit, output, error) = await CliRunner.RunInProcessAsync("risk", "features", "--from", cdrs, "--out", features, "--utc-offset", "8");

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("20,000 CDRs aggregated"));
        var header = File.ReadLines(features).First();
        Assert.That(header, Does.StartWith("number,opposite_count,opposite_unique,voccalltype1,imeis,voc_calltype1,phone2opposite_mean"));
        Assert.That(header, Does.EndWith("day_mode,day_mode_count,day_nunique"));

        await File.AppendAllTextAsync(cdrs, "{\"not\": \"a cdr\"}\n");
        var (bad, _, badError) = await CliRunner.RunInProcessAsync("risk", "features", "--from", cdrs, "--out", features);
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badError.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(badError, Does.StartWith("fraudstream: cdrs.jsonl: line 20001: "));
    }

    [Test]
    public async Task Features_from_a_kafka_topic_over_a_time_range_equal_those_of_the_same_records_in_a_file()
    {
        using var cluster = FraudStream.Ingest.Kafka.EmbeddedKafkaCluster.Start(1);
        cluster.CreateTopic("telco.cdr.v1", 3);
        var cdrs = Path.Combine(_folder, "kafka-cdrs.jsonl");
        string[] traffic = ["--count", "10000", "--population", "1000", "--seed", "9", "--start", "2026-03-02T00:00:00+08:00"];
        var (toFile, _, fileError) = await CliRunner.RunInProcessAsync(["simulate", "--out", cdrs, .. traffic]);
        var (toKafka, _, kafkaError) = await CliRunner.RunInProcessAsync(["simulate", "--bootstrap", cluster.BootstrapServers, "--rate", "20000", .. traffic]);
        Assert.That(toFile, Is.Zero, fileError);
        Assert.That(toKafka, Is.Zero, kafkaError);
        var fromFile = Path.Combine(_folder, "from-file.csv");
        var fromKafka = Path.Combine(_folder, "from-kafka.csv");

        var (fileExit, _, _) = await CliRunner.RunInProcessAsync("risk", "features", "--from", cdrs, "--out", fromFile);
        var (exit, output, error) = await CliRunner.RunInProcessAsync("risk", "features", "--bootstrap", cluster.BootstrapServers,
            "--since", "2026-03-01T00:00:00Z", "--until", "2026-04-01T00:00:00Z", "--out", fromKafka);
        var (narrow, narrowOutput, _) = await CliRunner.RunInProcessAsync("risk", "features", "--bootstrap", cluster.BootstrapServers,
            "--since", "2026-03-02T00:00:00+08:00", "--until", "2026-03-02T01:00:00+08:00", "--out", Path.Combine(_folder, "hour.csv"));

        Assert.That(fileExit, Is.Zero);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("10,000 CDRs aggregated").And.Contain("0 outside the time range"));
        Assert.That(File.ReadAllLines(fromKafka), Is.EqualTo(File.ReadAllLines(fromFile)), "the same records, the same aggregates");
        Assert.That(narrow, Is.Zero);
        Assert.That(narrowOutput, Does.Match(@"^[\d,]+ CDRs aggregated .* [1-9][\d,]* outside the time range"));
    }

    [TestCase("", "line 1: the file is empty")]
    [TestCase("phone_no_m,opposite_count,call_dur_mean\nabc,1,2\n", "line 1: no label column 'label'")]
    [TestCase("phone_no_m,opposite_count,call_dur_mean,label\nabc,1,2,0\ndef,1,n/a,1\n", "line 3, column 3 'call_dur_mean': 'n/a' is not a number")]
    [TestCase("phone_no_m,opposite_count,call_dur_mean,label\nabc,1,2,0\ndef,1,2,1,7\n", "line 3: 5 fields, but the header has 4")]
    public async Task Train_on_bad_input_exits_2_with_one_line_naming_line_and_column(string csv, string message)
    {
        var data = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(data, csv);

        var (exit, output, error) = await CliRunner.RunInProcessAsync("risk", "train", "--data", data, "--out", Path.Combine(_folder, "never.zip"));

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(error, Is.EqualTo($"fraudstream: bad.csv: {message}").Or.StartWith($"fraudstream: bad.csv: {message}"));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(_folder, "never.zip")), Is.False);
    }

    [TestCase(new[] { "risk", "train" }, "--data numbers.csv is required")]
    [TestCase(new[] { "risk", "train", "--data", "/nonexistent.csv" }, "no such file")]
    [TestCase(new[] { "risk", "train", "--trainer", "sdca" }, "--trainer sdca: expected lightgbm or fasttree")]
    [TestCase(new[] { "risk", "train", "--columns", "some" }, "--columns some: expected all or cdr")]
    [TestCase(new[] { "risk", "train", "--seeds", "0" }, "--seeds 0")]
    [TestCase(new[] { "risk", "train", "--members", "2", "--top-sets", "3" }, "--top-sets 3: expected 1 to 2")]
    [TestCase(new[] { "risk", "train", "--out", "model.json" }, "must end in .zip")]
    [TestCase(new[] { "risk", "score", "--ttl", "soon" }, "--ttl 'soon'")]
    [TestCase(new[] { "risk", "score", "--out", "x.csv" }, "--model risk.zip is required")]
    [TestCase(new[] { "risk", "features" }, "aggregate either a file")]
    [TestCase(new[] { "risk", "features", "--bootstrap", "127.0.0.1:1" }, "--bootstrap needs --since")]
    [TestCase(new[] { "risk", "features", "--from", "/nonexistent.jsonl", "--bootstrap", "127.0.0.1:1" }, "not both or neither")]
    [TestCase(new[] { "risk", "features", "--bootstrap", "127.0.0.1:1", "--since", "yesterday" }, "--since 'yesterday'")]
    [TestCase(new[] { "risk", "features", "--bootstrap", "127.0.0.1:1", "--since", "30d", "--utc-offset", "20" }, "--utc-offset 20")]
    public async Task Bad_risk_arguments_exit_2_with_one_line(string[] args, string named)
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync(args);

        Assert.That(exit, Is.EqualTo(2), error);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: ").And.Contain(named));
    }

    [Test]
    public async Task Score_of_ids_that_are_not_phone_numbers_exits_2_naming_the_row()
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync("risk", "score", "--data", SichuanData.Numbers, "--model", _model, "--out", Path.Combine(_folder, "x.csv"));

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("fraudstream: all_feat_with_label.csv: line 2, column 1 'phone_no_m': '").And.Contain("is not a phone number"));
    }

    [Test]
    public async Task Score_with_a_missing_model_column_or_nowhere_to_write_exits_2()
    {
        var data = Path.Combine(_folder, "narrow.csv");
        await File.WriteAllTextAsync(data, "number,opposite_count\n+8613800000001,4\n");

        var (missing, _, missingError) = await CliRunner.RunInProcessAsync("risk", "score", "--data", data, "--model", _model, "--out", Path.Combine(_folder, "x.csv"));
        var (nowhere, _, nowhereError) = await CliRunner.RunInProcessAsync("risk", "score", "--data", data, "--model", _model);

        Assert.That(missing, Is.EqualTo(2));
        Assert.That(missingError, Does.StartWith("fraudstream: narrow.csv: line 1: no column "));
        Assert.That(nowhere, Is.EqualTo(2));
        Assert.That(nowhereError, Does.Contain("--out labels.csv, --redis host:port, or both"));
    }
}
