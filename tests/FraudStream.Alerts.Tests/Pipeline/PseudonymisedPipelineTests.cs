using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FraudStream.Alerts.Pipeline;
using FraudStream.Alerts.Records;
using FraudStream.Alerts.Tests.Contracts;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Simulator;
using FraudStream.Simulator.Truth;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// The pipeline with <c>Alerts:Pseudonymise</c> on, over simulated traffic with a label and a prefix rule: every
/// alert on the topic names numbers only by pseudonyms of numbers that were in the traffic, keyed by them, with
/// no digits of any number anywhere, and keeps Alert v1.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class PseudonymisedPipelineTests
{
    private const long Records = 20_000;
    private const string Key = "pipeline-test-key-9f1c4e0b7a2d4c33b6";

    private PipelineHarness _harness = null!;
    private NumberPseudonymiser _pseudonyms = null!;
    private Dictionary<string, ulong> _numberOf = null!;
    private List<(string Key, string Value)> _alerts = null!;
    private ulong _labelled;
    private ulong _inRange;

    [OneTimeSetUp]
    public async Task RunTrafficThroughAPseudonymisingPipeline()
    {
        _harness = new PipelineHarness();
        _harness.Alerts.Pseudonymise = new PseudonymiseOptions { Enabled = true, Key = Key };
        _pseudonyms = NumberPseudonymiser.For(_harness.Alerts.Pseudonymise)!;

        // A labelled wangiri caller, and another one covered by a prefix rule as long as the number but its last digit.
        var probe = new TrafficSimulator(PipelineHarness.Traffic(Records));
        for (var i = 0; i < Records; i++)
            probe.Next();
        var suspects = probe.Truth.Entries.Where(t => t.Role == TruthRole.Suspect && t.Kind is FraudKind.Wangiri or FraudKind.Robocall).Select(t => t.Number).Distinct().ToList();
        (_labelled, _inRange) = (suspects[0], suspects[1]);
        await _harness.Labels.AddAsync(new LabelRequest(_labelled, LabelCategory.Wangiri, LabelSource.Report, "reported"), "test");
        var digits = (byte)_inRange.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        await _harness.Labels.AddPrefixAsync(new PrefixRule(_inRange / 10, (byte)(digits - 1), LabelAction.Block, LabelCategory.Fraud), "range", "test");

        var services = await _harness.ServicesAsync();
        using var pipeline = new ScoringPipeline(_harness.Kafka, _harness.Ingest, _harness.Alerts, services, autoLabeler: null);
        using var stop = new CancellationTokenSource();
        var running = pipeline.RunAsync(stop.Token);
        var sent = await _harness.ProduceAsync(new TrafficSimulator(PipelineHarness.Traffic(Records)), Records);
        await PipelineHarness.WaitCaughtUpAsync([pipeline], sent.Records, TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await running;

        _numberOf = [];
        foreach (var record in _harness.ReadAll(_harness.Ingest.Topic))
        {
            foreach (var number in NumbersOf(record.Message.Value))
                _numberOf.TryAdd(_pseudonyms.Pseudonym(number), number.Value);
        }

        _alerts = [.. _harness.ReadAll(_harness.Alerts.Topic).Select(r => (Encoding.UTF8.GetString(r.Message.Key), Encoding.UTF8.GetString(r.Message.Value)))];
    }

    [OneTimeTearDown]
    public void Stop() => _harness?.Dispose();

    [Test]
    public void Every_alert_keeps_alert_v1_and_is_keyed_by_its_numbers_pseudonym()
    {
        Assert.That(_alerts, Has.Count.GreaterThan(10));
        foreach (var (key, value) in _alerts)
        {
            var problems = AlertV1Checker.Check(value);
            Assert.That(problems, Is.Empty, value + "\n" + string.Join("\n", problems));
            using var json = JsonDocument.Parse(value);
            Assert.That(key, Is.EqualTo(json.RootElement.GetProperty("number").GetString()));
        }
    }

    [Test]
    public void Every_number_and_counterpart_is_the_pseudonym_of_a_number_in_the_traffic()
    {
        foreach (var (_, value) in _alerts)
        {
            using var json = JsonDocument.Parse(value);
            var numbers = json.RootElement.GetProperty("counterparts").EnumerateArray().Select(c => c.GetString()!).Append(json.RootElement.GetProperty("number").GetString()!);
            Assert.That(numbers, Has.All.Matches<string>(n => _numberOf.ContainsKey(n)), value);
        }
    }

    [Test]
    public void No_alert_contains_the_digits_of_any_number()
    {
        var leaks = _alerts.Select(a => a.Value).Where(v => DigitRun().IsMatch(HexToken().Replace(v, ""))).Take(3).ToList();
        var national = _numberOf.Values.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)[2..]).ToHashSet();

        Assert.That(leaks, Is.Empty, "runs of 7+ digits outside ids (recordId is the carrier's, passed through) and pseudonyms");
        Assert.That(_alerts.Where(a => a.Value.Contains('+', StringComparison.Ordinal) || a.Key.Contains('+', StringComparison.Ordinal)), Is.Empty, "no E.164 number");
        Assert.That(_alerts.Where(a => national.Any(n => a.Value.Contains(n, StringComparison.Ordinal))).Take(3), Is.Empty);
    }

    [Test]
    public void Label_and_prefix_rule_alerts_name_their_number_by_pseudonym_and_leave_the_range_out()
    {
        var labelled = _pseudonyms.Pseudonym(PhoneNumberOf(_labelled));
        var inRange = _pseudonyms.Pseudonym(PhoneNumberOf(_inRange));

        Assert.That(_alerts.Any(a => a.Key == labelled && a.Value.Contains("\"kind\":\"blocklisted\"", StringComparison.Ordinal)), Is.True, "the labelled number is blocked under its pseudonym");
        var ranged = _alerts.Where(a => a.Key == inRange && a.Value.Contains("\"code\":\"prefix_rule\"", StringComparison.Ordinal)).ToList();
        Assert.That(ranged, Is.Not.Empty, "the number in the prefix range is blocked under its pseudonym");
        Assert.That(ranged[0].Value, Does.Contain(inRange + " is in a listed range (fraud), action block"));
    }

    private PhoneNumber PhoneNumberOf(ulong value)
    {
        var text = "+" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(PhoneNumberParser.TryParse(Encoding.ASCII.GetBytes(text), 86, out var number), Is.EqualTo(PhoneNumberError.None));
        return number;
    }

    private static IEnumerable<PhoneNumber> NumbersOf(byte[] cdr)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(cdr);
        }
        catch (JsonException)
        {
            yield break; // the simulator's broken records
        }

        using (json)
        {
            foreach (var field in new[] { "caller", "callee" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                    && PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(value.GetString()!), 86, out var number) == PhoneNumberError.None)
                    yield return number;
            }
        }
    }

    [GeneratedRegex("[0-9]{7,}")]
    private static partial Regex DigitRun();

    [GeneratedRegex("\"(alertId|modelVersion|recordId)\":\"[^\"]+\"|h:[0-9a-f]{32}")]
    private static partial Regex HexToken();
}
