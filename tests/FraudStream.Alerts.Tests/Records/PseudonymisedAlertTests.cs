using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FraudStream.Alerts.Records;
using FraudStream.Alerts.Tests.Contracts;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Tests.Records;

/// <summary>An alert written with pseudonyms: no number in it anywhere, the same pseudonym for the same number, and still Alert v1.</summary>
[TestFixture]
public sealed partial class PseudonymisedAlertTests
{
    private const string Key = "alerts-test-key-0123456789abcdef0123";
    private static readonly PhoneNumber Caller = new(2250700000001, 13, 225);
    private static readonly PhoneNumber Callee = new(8613800000002, 13, 86);

    private static readonly CallEvent Event = new()
    {
        RecordId = "cdr-7",
        RecordHash = 7,
        Type = CallType.Voice,
        Caller = Caller,
        Callee = Callee,
        StartTimeMs = new DateTimeOffset(2026, 3, 2, 9, 15, 3, 120, TimeSpan.Zero).ToUnixTimeMilliseconds(),
    };

    private static readonly NumberPseudonymiser Pseudonyms = NumberPseudonymiser.For(new PseudonymiseOptions { Enabled = true, Key = Key })!;

    [Test]
    public void Number_counterparts_key_and_reasons_carry_pseudonyms_and_no_digits_of_either_number()
    {
        var record = Write(new AlertWriter(Pseudonyms), Detections(Caller));
        var text = Encoding.UTF8.GetString(record.Value);
        using var json = JsonDocument.Parse(record.Value);
        var root = json.RootElement;

        Assert.That(root.GetProperty("number").GetString(), Is.EqualTo(Pseudonyms.Pseudonym(Caller)));
        Assert.That(Encoding.UTF8.GetString(record.Key), Is.EqualTo(Pseudonyms.Pseudonym(Caller)));
        Assert.That(root.GetProperty("counterparts")[0].GetString(), Is.EqualTo(Pseudonyms.Pseudonym(Callee)));
        Assert.That(root.GetProperty("reasons")[1].GetProperty("detail").GetString(), Does.StartWith(Pseudonyms.Pseudonym(Caller) + " is in a listed prefix range"));
        Assert.That(NumberDigitsIn(text), Is.Empty, text);
        foreach (var n in new[] { "2250700000001", "0700000001", "8613800000002", "13800000002" })
            Assert.That(text, Does.Not.Contain(n));
    }

    [Test]
    public void Same_number_has_the_same_pseudonym_in_every_alert_and_role()
    {
        var writer = new AlertWriter(Pseudonyms);
        var asSuspect = Write(writer, Detections(Caller));
        var asVictimSide = Write(writer, [new(FraudKind.CallBombing, Role.Victim, Callee, DecisionAction.Warn, Severity.High, 0.8f, ReasonCode.FloodedByManyCallers, 14, 10)]);

        using var suspect = JsonDocument.Parse(asSuspect.Value);
        using var victim = JsonDocument.Parse(asVictimSide.Value);
        Assert.That(victim.RootElement.GetProperty("number").GetString(), Is.EqualTo(suspect.RootElement.GetProperty("counterparts")[0].GetString()));
        Assert.That(victim.RootElement.GetProperty("counterparts")[0].GetString(), Is.EqualTo(suspect.RootElement.GetProperty("number").GetString()));
    }

    [Test]
    public void Pseudonymised_alert_keeps_the_alert_v1_contract_with_the_same_alert_id()
    {
        var plain = Write(new AlertWriter(), Detections(Caller));
        var pseudonymised = Write(new AlertWriter(Pseudonyms), Detections(Caller));

        var problems = AlertV1Checker.Check(Encoding.UTF8.GetString(pseudonymised.Value));

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        Assert.That(pseudonymised.AlertId, Is.EqualTo(plain.AlertId));
    }

    [Test]
    public void A_different_key_gives_other_pseudonyms()
    {
        var other = NumberPseudonymiser.For(new PseudonymiseOptions { Enabled = true, Key = Key + "-rotated" })!;

        var first = Encoding.UTF8.GetString(Write(new AlertWriter(Pseudonyms), Detections(Caller)).Key);
        var second = Encoding.UTF8.GetString(Write(new AlertWriter(other), Detections(Caller)).Key);

        Assert.That(second, Is.Not.EqualTo(first));
    }

    private static Detection[] Detections(PhoneNumber suspect) =>
    [
        new(FraudKind.Blocklisted, Role.Suspect, suspect, DecisionAction.Block, Severity.High, 1f, ReasonCode.Label, 1, 1),
        new(FraudKind.Blocklisted, Role.Suspect, suspect, DecisionAction.Block, Severity.High, 1f, ReasonCode.PrefixRule, 1, 1),
    ];

    private static AlertRecord Write(AlertWriter writer, Detection[] detections)
        => writer.Write(Event, detections, new AlertContext { Source = new AlertSource("telco.cdr.v1", 2, 99), NowMs = Event.StartTimeMs + 5 });

    // Runs of 7 or more digits (the shortest E.164 number) outside ids (the carrier's recordId is passed through) and pseudonyms.
    private static List<string> NumberDigitsIn(string json)
        => [.. DigitRun().Matches(HexToken().Replace(json, "")).Select(m => m.Value)];

    [GeneratedRegex("[0-9]{7,}")]
    private static partial Regex DigitRun();

    [GeneratedRegex("\"(alertId|modelVersion|recordId)\":\"[^\"]+\"|h:[0-9a-f]{32}")]
    private static partial Regex HexToken();
}
