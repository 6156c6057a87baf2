using System.Text.Json;
using FraudStream.Alerts.Records;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Alerts.Tests.Records;

public sealed class AlertWriterTests
{
    private static readonly PhoneNumber Caller = new(2250700000001, 13, 225);
    private static readonly PhoneNumber Callee = new(8613800000002, 13, 86);

    private static readonly CallEvent Event = new()
    {
        RecordId = "cdr-1",
        RecordHash = 1,
        Type = CallType.Voice,
        Caller = Caller,
        Callee = Callee,
        StartTimeMs = new DateTimeOffset(2026, 3, 2, 9, 15, 3, 120, TimeSpan.Zero).ToUnixTimeMilliseconds(),
    };

    [Test]
    public void Alert_id_is_deterministic_per_record_and_kind()
    {
        var recordId = string.Concat("cdr-", "1");
        Assert.That(AlertId.For(recordId, FraudKind.Wangiri), Is.EqualTo(AlertId.For("cdr-1", FraudKind.Wangiri)));
        Assert.That(AlertId.For("cdr-1", FraudKind.Wangiri), Is.EqualTo("a0e4bb8c1f5f6e8a3e1b7c1b8f6b7c2d").Or.Length.EqualTo(32));
        Assert.That(AlertId.For("cdr-1", FraudKind.Wangiri), Is.Not.EqualTo(AlertId.For("cdr-1", FraudKind.MlFraud)));
        Assert.That(AlertId.For("cdr-1", FraudKind.Wangiri), Is.Not.EqualTo(AlertId.For("cdr-2", FraudKind.Wangiri)));
        Assert.That(AlertId.For("cdr-1", FraudKind.Wangiri), Does.Match("^[0-9a-f]{32}$"));
    }

    [Test]
    public void Writes_every_alert_v1_field_in_order_with_the_strongest_detection()
    {
        var writer = new AlertWriter();
        Detection[] detections =
        [
            new(FraudKind.Wangiri, Role.Suspect, Caller, DecisionAction.Warn, Severity.Medium, 0.6f, ReasonCode.ManyUnansweredShortRingsFromAbroad, 23, 15),
            new(FraudKind.Wangiri, Role.Suspect, Caller, DecisionAction.Block, Severity.High, 0.9f, ReasonCode.Label, 1, 1),
        ];

        var record = writer.Write(Event, detections, new AlertContext
        {
            Source = new AlertSource("telco.cdr.v1", 3, 42),
            NowMs = Event.StartTimeMs + 1000,
            ModelVersion = "abc123",
            SuppressedCount = 7,
        });

        using var json = JsonDocument.Parse(record.Value);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "alertId", "time", "eventTime", "kind", "role", "number", "counterparts", "action", "severity", "score", "reasons", "recordId", "source",
            "modelVersion", "degraded", "suppressedCount",
        }));
        Assert.That(root.GetProperty("alertId").GetString(), Is.EqualTo(record.AlertId).And.EqualTo(AlertId.For("cdr-1", FraudKind.Wangiri)));
        Assert.That(root.GetProperty("time").GetString(), Is.EqualTo("2026-03-02T09:15:04.120Z"));
        Assert.That(root.GetProperty("eventTime").GetString(), Is.EqualTo("2026-03-02T09:15:03.120Z"));
        Assert.That(root.GetProperty("kind").GetString(), Is.EqualTo("wangiri"));
        Assert.That(root.GetProperty("role").GetString(), Is.EqualTo("suspect"));
        Assert.That(root.GetProperty("number").GetString(), Is.EqualTo("+2250700000001"));
        Assert.That(System.Text.Encoding.UTF8.GetString(record.Key), Is.EqualTo("+2250700000001"));
        Assert.That(root.GetProperty("counterparts")[0].GetString(), Is.EqualTo("+8613800000002"));
        Assert.That(root.GetProperty("action").GetString(), Is.EqualTo("block"));
        Assert.That(root.GetProperty("severity").GetString(), Is.EqualTo("high"));
        Assert.That(root.GetProperty("score").GetDouble(), Is.EqualTo(0.9).Within(1e-6));
        Assert.That(root.GetProperty("reasons").GetArrayLength(), Is.EqualTo(2));
        Assert.That(root.GetProperty("reasons")[0].GetProperty("code").GetString(), Is.EqualTo("many_unanswered_short_rings_from_abroad"));
        Assert.That(root.GetProperty("reasons")[0].GetProperty("detail").GetString(), Does.Contain("23").And.Contain("threshold 15"));
        Assert.That(root.GetProperty("source").GetProperty("partition").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("source").GetProperty("offset").GetInt64(), Is.EqualTo(42));
        Assert.That(root.GetProperty("modelVersion").GetString(), Is.EqualTo("abc123"));
        Assert.That(root.GetProperty("suppressedCount").GetInt32(), Is.EqualTo(7));
        Assert.That(System.Text.Encoding.UTF8.GetString(record.Value), Does.Contain("\"+2250700000001\""), "'+' is written as is, not escaped");
    }

    [Test]
    public void Model_alert_carries_its_explanation_and_a_null_model_version_is_written_as_null()
    {
        var writer = new AlertWriter();
        Detection[] detections = [new(FraudKind.MlFraud, Role.Suspect, Caller, DecisionAction.Warn, Severity.Medium, 0.97f, ReasonCode.ModelScore, 0.97f, 0.9f)];
        Explanation[] explanation = [new(Feature.Calls15m, 2.5f), new(Feature.FirstContact, -0.5f)];

        var record = writer.Write(Event, detections, new AlertContext { Source = new("t", 0, 0), NowMs = 0, Explanation = explanation, Degraded = true });

        using var json = JsonDocument.Parse(record.Value);
        var x = json.RootElement.GetProperty("explanation");
        Assert.That(x.GetArrayLength(), Is.EqualTo(2));
        Assert.That(x[0].GetProperty("feature").GetString(), Is.EqualTo("calls_15m"));
        Assert.That(x[1].GetProperty("contribution").GetDouble(), Is.EqualTo(-0.5).Within(1e-6));
        Assert.That(json.RootElement.GetProperty("modelVersion").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.RootElement.GetProperty("degraded").GetBoolean(), Is.True);
    }

    [Test]
    public void Decision_record_lists_each_kind_once()
    {
        var decision = new Decision();
        decision.Add(new Detection(FraudKind.Harassment, Role.Suspect, Caller, DecisionAction.Label, Severity.Medium, 0.7f, ReasonCode.RepeatedUnwantedCallsToOneNumber, 6, 5));
        decision.Add(new Detection(FraudKind.Harassment, Role.Victim, Callee, DecisionAction.Label, Severity.Medium, 0.7f, ReasonCode.RepeatedUnwantedCallsToOneNumber, 6, 5));
        decision.Add(new Detection(FraudKind.Wangiri, Role.Suspect, Caller, DecisionAction.Block, Severity.High, 0.9f, ReasonCode.ManyUnansweredShortRingsFromAbroad, 20, 15));

        var json = System.Text.Encoding.UTF8.GetString(new DecisionWriter().Write("cdr-1", "caller", decision));

        Assert.That(json, Is.EqualTo("""{"recordId":"cdr-1","stage":"caller","action":"block","kinds":["harassment","wangiri"],"degraded":false}"""));
    }
}
