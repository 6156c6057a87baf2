using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;

namespace FraudStream.Scoring.Tests.Detectors;

[TestFixture]
public sealed class ThresholdsTests
{
    [Test]
    public void Shipped_file_equals_the_defaults_in_code()
    {
        var json = File.ReadAllText(ThresholdsFile.DefaultPath);
        var parsed = ThresholdsFile.TryParse(json, out var error);

        Assert.That(error, Is.Null);
        Assert.That(parsed, Is.EqualTo(Thresholds.Default), "edit Thresholds and thresholds.json together");
    }

    [Test]
    public void TryParse_enum_names_are_snake_case_and_missing_fields_keep_defaults()
    {
        var parsed = ThresholdsFile.TryParse("""{ "wangiri": { "action": "warn", "severity": "critical" } }""", out var error);

        Assert.That(error, Is.Null);
        Assert.That(parsed!.Wangiri.Action, Is.EqualTo(DecisionAction.Warn));
        Assert.That(parsed.Wangiri.Severity, Is.EqualTo(Severity.Critical));
        Assert.That(parsed.Wangiri.MaxRingSec, Is.EqualTo(Thresholds.Default.Wangiri.MaxRingSec));
        Assert.That(parsed.Simbox, Is.EqualTo(Thresholds.Default.Simbox));
    }

    [TestCase("""{ "wangiri": { "maxRingSecs": 3 } }""", "maxRingSecs")]
    [TestCase("""{ "robocall": { "minShortOrUnansweredRatio1h": 1.5 } }""", "robocall.MinShortOrUnansweredRatio1h")]
    [TestCase("""{ "simbox": { "action": "destroy" } }""", "action")]
    [TestCase("""{ "irsf": """, "")]
    public void TryParse_bad_file_is_refused_with_a_reason(string json, string mentioned)
    {
        var parsed = ThresholdsFile.TryParse(json, out var error);

        Assert.That(parsed, Is.Null);
        Assert.That(error, Is.Not.Null.And.Contains(mentioned));
    }
}
