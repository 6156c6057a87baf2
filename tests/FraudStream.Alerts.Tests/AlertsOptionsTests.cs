namespace FraudStream.Alerts.Tests;

[TestFixture]
public sealed class AlertsOptionsTests
{
    [Test]
    public void Defaults_are_the_documented_topics_and_window()
    {
        var options = new AlertsOptions();

        Assert.That(options.Validate(), Is.Null);
        Assert.That(options.Topic, Is.EqualTo("fraud.alert.v1"));
        Assert.That(options.DecisionTopic, Is.EqualTo("fraud.decision.v1"));
        Assert.That(options.PublishDecisions, Is.False);
        Assert.That(options.SuppressionWindow, Is.EqualTo(TimeSpan.FromMinutes(10)));
    }

    [Test]
    public void Empty_alert_topic_is_rejected()
    {
        Assert.That(new AlertsOptions { Topic = " " }.Validate(), Is.EqualTo("Alerts:Topic is empty"));
    }

    [Test]
    public void Decisions_on_the_alert_topic_are_rejected()
    {
        var options = new AlertsOptions { PublishDecisions = true, DecisionTopic = "fraud.alert.v1" };

        Assert.That(options.Validate(), Does.Contain("must differ"));
    }

    [Test]
    public void Decision_topic_only_matters_when_decisions_are_published()
    {
        Assert.That(new AlertsOptions { DecisionTopic = "" }.Validate(), Is.Null);
        Assert.That(new AlertsOptions { DecisionTopic = "", PublishDecisions = true }.Validate(), Does.Contain("DecisionTopic is empty"));
    }

    [Test]
    public void Negative_suppression_window_is_rejected()
    {
        Assert.That(new AlertsOptions { SuppressionWindow = TimeSpan.FromSeconds(-1) }.Validate(), Does.Contain("SuppressionWindow"));
    }

    [Test]
    public void Ordered_merge_is_on_by_default_with_bounded_timings()
    {
        var options = new AlertsOptions();

        Assert.That(options.OrderedMerge, Is.True);
        Assert.That(new AlertsOptions { WatermarkInterval = TimeSpan.Zero }.Validate(), Is.EqualTo("Alerts:WatermarkInterval is 00:00:00, expected 00:00:00.001 to 00:00:10"));
        Assert.That(new AlertsOptions { SourceIdle = TimeSpan.FromHours(1) }.Validate(), Is.EqualTo("Alerts:SourceIdle is 01:00:00, expected 00:00:00.010 to 00:10:00"));
        Assert.That(new AlertsOptions { SourceIdle = TimeSpan.FromMilliseconds(10), WatermarkInterval = TimeSpan.FromSeconds(10) }.Validate(), Is.Null);
    }

    [Test]
    public void Call_bombing_pool_numbers_are_auto_labelled_as_bombing_by_default_but_victim_kinds_cannot_be()
    {
        var options = new AutoLabelOptions();

        Assert.That(options.MinScore, Does.ContainKey("call_bombing"));
        Assert.That(AutoLabelOptions.CategoryOf(Scoring.Decisions.FraudKind.CallBombing), Is.EqualTo(Scoring.Blocklist.LabelCategory.Bombing));
        Assert.That(new AutoLabelOptions { MinScore = { ["victim_warning"] = 0.9 } }.Validate(), Does.Contain("only suspect kinds"));
        Assert.That(options.Validate(), Is.Null);
    }
}
