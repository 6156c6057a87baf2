using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Tests.Contracts;

/// <summary>
/// docs/contracts/alert-v1.md is what carriers build consumers from: its examples must keep its rules, and
/// its schema files must name the same fields and kinds as the document and the code.
/// </summary>
[TestFixture]
public sealed partial class AlertContractTests
{
    private static IEnumerable<string> AlertExamples() => ContractFiles.ExampleNames("alert-*.json");

    private static IEnumerable<string> DecisionExamples() => ContractFiles.ExampleNames("decision-*.json");

    [TestCaseSource(nameof(AlertExamples))]
    public void Alert_example_keeps_the_contract(string file)
    {
        var problems = AlertV1Checker.Check(File.ReadAllText(Path.Combine(ContractFiles.Examples, file)));

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [TestCaseSource(nameof(DecisionExamples))]
    public void Decision_example_keeps_the_contract(string file)
    {
        var problems = DecisionV1Checker.Check(File.ReadAllText(Path.Combine(ContractFiles.Examples, file)));

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void Examples_show_both_roles_an_explanation_the_callee_topic_suppression_and_degraded()
    {
        var alerts = AlertExamples().Select(f => JsonNode.Parse(File.ReadAllText(Path.Combine(ContractFiles.Examples, f)))!).ToList();

        Assert.That(alerts, Has.Count.InRange(3, 5));
        Assert.That(alerts.Select(a => (string)a["role"]!).Distinct(), Is.EquivalentTo(new[] { "suspect", "victim" }));
        Assert.That(alerts.Count(a => a["explanation"] is not null), Is.EqualTo(1));
        Assert.That(alerts.Any(a => (string)a["source"]!["topic"]! == AlertV1Checker.CalleeTopic));
        Assert.That(alerts.Any(a => (int)a["suppressedCount"]! > 0));
        Assert.That(alerts.Any(a => (bool)a["degraded"]!));
        Assert.That(alerts.Any(a => a["modelVersion"] is null));
        Assert.That(DecisionExamples(), Is.Not.Empty);
    }

    // Each case breaks the wangiri example one way; the checker must name the broken field.
    [TestCase("remove:severity", "severity: missing")]
    [TestCase("set:extra=1", "extra: not a field of alert v1")]
    [TestCase("set:alertId=\"7c781593b555ac06bb33dc0858268eb7\"", "alertId:")]
    [TestCase("set:kind=\"phishing\"", "kind: 'phishing' is not one of")]
    [TestCase("set:role=\"victim\"", "role: 'victim' for kind wangiri")]
    [TestCase("set:severity=\"severe\"", "severity: 'severe'")]
    [TestCase("set:action=\"allow\"", "action: 'allow'")]
    [TestCase("set:score=1.5", "score: 1.5")]
    [TestCase("set:number=\"008613800138000\"", "number: '008613800138000' is not E.164")]
    [TestCase("set:counterparts=[]", "counterparts: empty")]
    [TestCase("set:number=\"h:8fd781050adb4eba11c47f2fb21867ce\"", "mix E.164 and pseudonyms")]
    [TestCase("set:number=\"h:8FD781050ADB4EBA11C47F2FB21867CE\"", "nor a pseudonym")]
    [TestCase("set:counterparts=[\"h:f3a02b785d5642bc\"]", "counterparts[]: 'h:f3a02b785d5642bc' is not E.164")]
    [TestCase("set:time=\"2026-11-22T02:14:07Z\"", "time: '2026-11-22T02:14:07Z'")]
    [TestCase("set:eventTime=\"2026-11-22T10:14:07.000+08:00\"", "eventTime:")]
    [TestCase("set:reasons=[]", "reasons: empty")]
    [TestCase("set:reasons=[{\"code\":\"Many Rings\",\"detail\":\"x\"}]", "reasons[].code")]
    [TestCase("set:explanation=[{\"feature\":\"calls_15m\",\"contribution\":1.0}]", "explanation: present on kind wangiri")]
    [TestCase("set:source={\"topic\":\"telco.cdr.v1\",\"partition\":-1,\"offset\":5}", "source.partition")]
    [TestCase("set:modelVersion=\"v2\"", "modelVersion")]
    [TestCase("set:degraded=\"no\"", "degraded")]
    [TestCase("set:suppressedCount=1.5", "suppressedCount")]
    [TestCase("move:alertId", "field order")]
    public void Checker_names_what_a_broken_alert_breaks(string change, string named)
    {
        var alert = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractFiles.Examples, "alert-wangiri.json")))!.AsObject();
        var (verb, rest) = (change[..change.IndexOf(':', StringComparison.Ordinal)], change[(change.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        switch (verb)
        {
            case "remove":
                alert.Remove(rest);
                break;
            case "move":
                var value = alert[rest]!.DeepClone();
                alert.Remove(rest);
                alert[rest] = value;
                break;
            default:
                var eq = rest.IndexOf('=', StringComparison.Ordinal);
                alert[rest[..eq]] = JsonNode.Parse(rest[(eq + 1)..]);
                break;
        }

        var problems = AlertV1Checker.Check(alert.ToJsonString());

        Assert.That(problems, Has.Some.Contain(named), string.Join("\n", problems));
    }

    [Test]
    public void Pseudonymised_example_is_made_with_the_documented_key_and_names_no_number()
    {
        var text = File.ReadAllText(Path.Combine(ContractFiles.Examples, "alert-pseudonymised.json"));
        var alert = JsonNode.Parse(text)!;
        using var pseudonyms = new System.Security.Cryptography.HMACSHA256("example-key-not-for-production-0123456789"u8.ToArray());
        string Pseudonym(string e164) => "h:" + Convert.ToHexStringLower(pseudonyms.ComputeHash(System.Text.Encoding.UTF8.GetBytes(e164)).AsSpan(0, 16));

        Assert.That((string)alert["number"]!, Is.EqualTo(Pseudonym("+23276012345")));
        Assert.That((string)alert["counterparts"]![0]!, Is.EqualTo(Pseudonym("+8613700000002")));
        Assert.That(text, Does.Not.Contain("+"), "no E.164 number anywhere");
        Assert.That(ContractFiles.Read("alert-v1.md"), Does.Contain(text.Trim()), "the document shows the example file as it is");
        Assert.That(AlertExamples().Count(f => AlertV1Checker.IsPseudonym((string)JsonNode.Parse(File.ReadAllText(Path.Combine(ContractFiles.Examples, f)))!["number"]!)), Is.EqualTo(1));
    }

    [Test]
    public void Checker_requires_the_explanation_on_ml_fraud_ordered_by_magnitude()
    {
        var alert = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractFiles.Examples, "alert-ml-fraud.json")))!.AsObject();
        var explanation = alert["explanation"]!.AsArray();
        var first = explanation[0]!.DeepClone();
        explanation.RemoveAt(0);
        explanation.Add(first);

        Assert.That(AlertV1Checker.Check(alert.ToJsonString()), Has.Some.Contain("not ordered by absolute contribution"));
        alert.Remove("explanation");
        Assert.That(AlertV1Checker.Check(alert.ToJsonString()), Has.Some.Contain("explanation: missing on kind ml_fraud"));
    }

    [Test]
    public void Checker_rejects_an_empty_callee_stage_decision()
    {
        Assert.That(DecisionV1Checker.Check("""{"recordId":"r1","stage":"callee","action":"allow","kinds":[],"degraded":false}"""), Has.Some.Contain("kinds: empty"));
        Assert.That(DecisionV1Checker.Check("""{"recordId":"r1","stage":"caller","action":"allow","kinds":[],"degraded":false}"""), Is.Empty);
    }

    [Test]
    public void Alert_schema_names_the_documented_fields_in_order_and_the_kinds_of_the_code()
    {
        using var schema = JsonDocument.Parse(ContractFiles.Read("alert-v1.schema.json"));
        var root = schema.RootElement;

        Assert.That(root.GetProperty("additionalProperties").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EqualTo(AlertV1Checker.Fields));
        Assert.That(root.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(AlertV1Checker.Fields.Where(f => f != "explanation")));
        Assert.That(root.GetProperty("$defs").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(AlertV1Checker.Kinds));
        Assert.That(AlertV1Checker.Kinds, Is.EqualTo(new[]
        {
            "blocklisted", "overseas_blocked", "wangiri", "call_bombing", "harassment", "robocall", "irsf", "simbox", "sms_flood", "victim_warning", "ml_fraud", "scam",
        }));
    }

    [Test]
    public void Decision_schema_names_the_documented_fields_in_order()
    {
        using var schema = JsonDocument.Parse(ContractFiles.Read("decision-v1.schema.json"));
        var root = schema.RootElement;

        Assert.That(root.GetProperty("additionalProperties").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EqualTo(DecisionV1Checker.Fields));
        Assert.That(root.GetProperty("properties").GetProperty("kinds").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(AlertV1Checker.Kinds));
    }

    [Test]
    public void Document_lists_every_kind_and_reason_code_of_the_code()
    {
        var document = ContractFiles.Read("alert-v1.md");

        foreach (var kind in AlertV1Checker.Kinds)
            Assert.That(document, Does.Contain($"| `{kind}` |"), kind);
        foreach (var code in Enum.GetValues<ReasonCode>().Where(c => c != ReasonCode.None))
            Assert.That(document, Does.Contain($"`{SnakeCase(code.ToString())}`"), code.ToString());
    }

    private static string SnakeCase(string pascal) => UpperAfterLower().Replace(pascal, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex UpperAfterLower();
}
