using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;
using FraudStream.Simulator.Truth;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// Simulated traffic with every fraud kind, redeliveries and broken records through the whole pipeline on the
/// embedded Kafka and a real redis-server, then the ledger: every valid record decided, every broken one
/// dead-lettered, the expected alerts out, suppression, the closed loop, and a graceful stop that loses nothing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PipelineEndToEndTests
{
    private const long Records = 100_000;

    private PipelineHarness _harness = null!;
    private TrafficSimulator _simulator = null!;
    private RunSummary _sent;
    private ScoringPipeline _pipeline = null!;
    private List<Alert> _alerts = null!;
    private List<string> _decided = null!;
    private List<string> _contractViolations = null!;
    private int _deadLetters;
    private bool _deadLettersSayWhy;
    private ulong _labelled;
    private ulong _optedIn;
    private (int Frames, int Others, long Records, long Misplaced, long RecordsDue) _callee;

    [OneTimeSetUp]
    public async Task RunTrafficThroughThePipeline()
    {
        _harness = new PipelineHarness();
        _simulator = new TrafficSimulator(PipelineHarness.Traffic(Records));

        // A number already on the blocklist, and a subscriber who opted in to block overseas calls.
        var probe = new TrafficSimulator(PipelineHarness.Traffic(Records));
        for (var i = 0; i < Records; i++)
            probe.Next();
        _labelled = probe.Truth.Entries.First(t => t.Kind == FraudKind.Wangiri && t.Role == TruthRole.Suspect).Number;
        _optedIn = probe.Truth.Entries.First(t => t.Kind == FraudKind.Scam && t.Role == TruthRole.Victim).Number;
        await _harness.Labels.AddAsync(new LabelRequest(_labelled, LabelCategory.Wangiri, LabelSource.Report, "reported"), "test");
        await _harness.Labels.SetPolicyAsync(_optedIn, blockOverseas: true, warn: null, "test");

        var services = await _harness.ServicesAsync();
        _pipeline = new ScoringPipeline(_harness.Kafka, _harness.Ingest, _harness.Alerts, services,
            new FraudStream.Alerts.AutoLabels.AutoLabeler(_harness.Labels, services.Blocklist, _harness.Alerts.AutoLabel));
        using var stop = new CancellationTokenSource();
        var running = _pipeline.RunAsync(stop.Token);

        _sent = await _harness.ProduceAsync(_simulator, Records);
        await PipelineHarness.WaitCaughtUpAsync([_pipeline], _sent.Records, TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await running;

        var alertRecords = _harness.ReadAll(_harness.Alerts.Topic);
        _contractViolations = [.. alertRecords.SelectMany(r => Contracts.AlertV1Checker.Check(Encoding.UTF8.GetString(r.Message.Value))).Distinct().Take(10)];
        _alerts = [.. alertRecords.Select(Alert.From)];
        _decided = [.. _harness.ReadAll(_harness.Alerts.DecisionTopic)
            .Select(r => JsonDocument.Parse(r.Message.Value).RootElement)
            .Where(d => d.GetProperty("stage").GetString() == "caller")
            .Select(d => d.GetProperty("recordId").GetString()!)];
        var deadLetters = _harness.ReadAll(_harness.Ingest.DeadLetterTopic);
        _deadLetters = deadLetters.Count;
        _deadLettersSayWhy = deadLetters.All(r => r.Message.Headers.Any(h => h.Key == "fraudstream.error.code"));
        _callee = ReadFrames(_harness.ReadAll(_harness.Alerts.CalleeTopic), _pipeline.CalleeRecordsDue);
    }

    // The callee topic as written: frames (and how many records they hold, how many of them sit in another partition
    // than their number's key would give), and messages that are neither frames nor watermarks.
    private static (int, int, long, long, long) ReadFrames(List<ConsumeResult<byte[], byte[]>> messages, long due)
    {
        int frames = 0, others = 0;
        long records = 0, misplaced = 0;
        Span<byte> key = stackalloc byte[PhoneNumber.MaxFormattedLength];
        foreach (var m in messages)
        {
            if (m.Message.Headers.TryGetLastBytes(FraudStream.Ingest.Consuming.SourceOrder.WatermarksHeader, out _))
                continue;
            if (!m.Message.Headers.TryGetLastBytes(FraudStream.Ingest.Frames.FrameFormat.Header, out _)
                || !FraudStream.Ingest.Frames.FrameReader.TryOpen(m.Message.Value, out var reader, out _))
            {
                others++;
                continue;
            }

            frames++;
            while (reader.TryRead(out var e, out var hints))
            {
                records++;
                var length = (hints.IsOwnCallCopy ? e.Caller : e.Callee).FormatE164(key);
                if (FraudStream.Ingest.Kafka.KeyPartitioner.ConsistentRandom(key[..length], PipelineHarness.Partitions) != m.Partition.Value)
                    misplaced++;
            }
        }

        return (frames, others, records, misplaced, due);
    }

    [Test]
    public void Re_keyed_records_travel_many_to_a_frame_each_in_its_numbers_partition()
    {
        Assert.That(_callee.Others, Is.Zero, "every message of the callee topic is a frame or watermarks");
        Assert.That(_callee.Records, Is.EqualTo(_callee.RecordsDue), "every record re-keyed and copy, once");
        Assert.That(_callee.Frames, Is.LessThan(_callee.Records / 4), "many records per Kafka message");
        Assert.That(_callee.Misplaced, Is.Zero, "each record in the partition its number's key would have had");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _pipeline?.Dispose();
        _harness?.Dispose();
    }

    [Test]
    public void Every_valid_record_has_a_decision_and_every_broken_one_is_dead_lettered()
    {
        var decided = _decided;
        var valid = _sent.Records - _sent.Duplicates - _sent.Malformed;
        Assert.That(decided, Has.Count.EqualTo(valid), "one caller-stage decision per valid record, none lost, none twice");
        Assert.That(decided.Distinct().Count(), Is.EqualTo(decided.Count));
        Assert.That(_deadLetters, Is.EqualTo(_sent.Malformed));
        Assert.That(_deadLettersSayWhy, Is.True, "dead letters say why");
        Assert.That(_pipeline.CallerIngest.Duplicates, Is.EqualTo(_sent.Duplicates));
    }

    [TestCase("wangiri", "suspect", FraudKind.Wangiri, TruthRole.Suspect)]
    [TestCase("robocall", "suspect", FraudKind.Robocall, TruthRole.Suspect)]
    [TestCase("sms_flood", "suspect", FraudKind.SmsFlood, TruthRole.Suspect)]
    [TestCase("irsf", "suspect", FraudKind.Irsf, TruthRole.Suspect)]
    [TestCase("simbox", "suspect", FraudKind.Simbox, TruthRole.Suspect)]
    [TestCase("call_bombing", "victim", FraudKind.CallBombing, TruthRole.Victim)]
    [TestCase("victim_warning", "victim", FraudKind.Scam, TruthRole.Victim)]
    // Harassment is left out here: in a run this short its one stalker places a few bursts only; the demo and
    // the detector evaluation (tests/FraudStream.Scoring.Tests/Detectors) measure it on longer traffic.
    public void Each_fraud_kind_is_alerted_about_its_true_numbers(string kind, string role, FraudKind truthKind, TruthRole truthRole)
    {
        var truth = _simulator.Truth.Entries.Where(t => t.Kind == truthKind && t.Role == truthRole).Select(t => t.Number).ToHashSet();
        var alerted = _alerts.Where(a => a.Kind == kind && a.Role == role).Select(a => a.Number).ToHashSet();

        var kinds = string.Join(", ", alerted.Select(n => "+" + n + "[" + string.Join("/", _simulator.Truth.Entries.Where(t => t.Number == n).Select(t => $"{t.Kind}:{t.Role}")) + "]"));
        Assert.That(alerted.Intersect(truth), Is.Not.Empty, $"{kind}: truth {truth.Count} ({string.Join(", ", truth)}), alerted {alerted.Count}: {kinds}");
    }

    [TestCase("wangiri")]
    [TestCase("robocall")]
    [TestCase("sms_flood")]
    [TestCase("irsf")]
    [TestCase("simbox")]
    [TestCase("call_bombing")]
    public void Rule_alerts_name_no_legitimate_subscriber(string kind)
    {
        var fraud = _simulator.Truth.Entries.Select(t => t.Number).ToHashSet();
        var legitimate = _alerts.Where(a => a.Kind == kind && !fraud.Contains(a.Number)).Select(a => "+" + a.Number).Distinct().ToList();

        Assert.That(legitimate, Is.Empty, $"{kind} alerted numbers the simulator never made fraudulent (look-alikes: family abroad, couriers, hotlines)");
    }

    [Test]
    public void At_most_one_alert_per_number_and_kind_per_window_with_the_suppressed_count_on_the_next()
    {
        var window = _harness.Alerts.SuppressionWindow;
        foreach (var group in _alerts.GroupBy(a => (a.Number, a.Kind)))
        {
            var times = group.Select(a => a.EventTime).Order().ToList();
            for (var i = 1; i < times.Count; i++)
                Assert.That(times[i] - times[i - 1], Is.GreaterThanOrEqualTo(window), $"{group.Key}: two alerts within the window");
        }

        Assert.That(_alerts.Any(a => a.SuppressedCount > 0), Is.True, "floods repeat: some alert must report suppressed ones");
        Assert.That(_alerts.Select(a => a.AlertId).Distinct().Count(), Is.EqualTo(_alerts.Count), "alert ids are unique");
    }

    [Test]
    public void Blocklist_and_overseas_policy_alert_from_the_number_they_protect_or_name()
    {
        Assert.That(_alerts.Any(a => a.Kind == "blocklisted" && a.Number == _labelled && a.Action == "block"), Is.True, "the seeded wangiri label blocks");
        var overseas = _alerts.Where(a => a.Kind == "overseas_blocked").ToList();
        Assert.That(overseas.Any(a => a.Number == _optedIn && a.Role == "victim"), Is.True, "the opted-in subscriber's foreign callers are blocked");
        Assert.That(overseas.All(a => a.Source.StartsWith(_harness.Alerts.CalleeTopic, StringComparison.Ordinal)), Is.True, "alerted by the callee stage that owns the subscriber");
    }

    [Test]
    public async Task Confident_detections_write_auto_labels_that_then_block_the_number()
    {
        var auto = await _harness.Labels.ListAsync(limit: 1000);
        var autoLabelled = auto.Where(l => l.Source == LabelSource.Auto).ToList();

        Assert.That(autoLabelled, Is.Not.Empty);
        Assert.That(autoLabelled.All(l => l.ExpiresMs > 0), Is.True, "auto labels expire");
        var blockedAfter = autoLabelled.Where(l => _alerts.Any(a => a.Kind == "blocklisted" && a.Number == l.Number && a.Reasons.Contains("auto"))).ToList();
        Assert.That(blockedAfter, Is.Not.Empty, "a number's later calls are blocked by its auto label");
    }

    [Test]
    public void Every_alert_the_pipeline_produced_keeps_the_alert_v1_contract()
    {
        Assert.That(_alerts, Is.Not.Empty);
        Assert.That(_contractViolations, Is.Empty, "docs/contracts/alert-v1.md");
    }

    [Test]
    public void Model_alerts_explain_themselves()
    {
        var model = _alerts.Where(a => a.Kind == "ml_fraud").ToList();

        Assert.That(model, Is.Not.Empty);
        Assert.That(model.All(a => a.Explained && a.ModelVersion == _harness.Model.Version), Is.True);
    }

    [Test]
    public async Task After_a_graceful_stop_a_new_instance_resumes_exactly_after_what_was_processed()
    {
        var services = await _harness.ServicesAsync();
        using var next = new ScoringPipeline(_harness.Kafka, _harness.Ingest, _harness.Alerts, services);
        using var stop = new CancellationTokenSource();
        var running = next.RunAsync(stop.Token);

        var more = await _harness.ProduceAsync(_simulator, 2_000);
        await PipelineHarness.WaitCaughtUpAsync([next], more.Records, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        await stop.CancelAsync();
        await running;

        Assert.That(next.CallerIngest.Records, Is.EqualTo(more.Records), "committed offset = last processed + 1: nothing re-read, nothing skipped");
    }

    private sealed record Alert(string AlertId, string Kind, string Role, ulong Number, string Action, DateTimeOffset EventTime, int SuppressedCount,
        string Reasons, string Source, bool Explained, string? ModelVersion)
    {
        public static Alert From(ConsumeResult<byte[], byte[]> record)
        {
            var a = JsonDocument.Parse(record.Message.Value).RootElement;
            var number = a.GetProperty("number").GetString()!;
            Assert.That(Encoding.UTF8.GetString(record.Message.Key), Is.EqualTo(number), "key = the alert's number");
            var source = a.GetProperty("source");
            return new Alert(
                a.GetProperty("alertId").GetString()!,
                a.GetProperty("kind").GetString()!,
                a.GetProperty("role").GetString()!,
                ulong.Parse(number.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture),
                a.GetProperty("action").GetString()!,
                DateTimeOffset.Parse(a.GetProperty("eventTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                a.GetProperty("suppressedCount").GetInt32(),
                string.Join(" | ", a.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("detail").GetString())),
                $"{source.GetProperty("topic").GetString()}/{source.GetProperty("partition").GetInt32()}",
                a.TryGetProperty("explanation", out var x) && x.GetArrayLength() > 0,
                a.GetProperty("modelVersion").GetString());
        }
    }
}
