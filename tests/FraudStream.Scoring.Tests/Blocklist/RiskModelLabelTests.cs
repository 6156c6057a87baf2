using FraudStream.Scoring.Blocklist;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>
/// A <c>risk-model</c> label yields to people, in Redis itself: it never replaces a live label from another source
/// (an allow above all), refreshes its own, and takes a number whose label has expired.
/// </summary>
[TestFixture]
public sealed class RiskModelLabelTests : RedisFixture
{
    private const ulong Number = 8613800000001;

    [TestCase(LabelCategory.Allow, LabelSource.Carrier)]
    [TestCase(LabelCategory.Fraud, LabelSource.Police)]
    [TestCase(LabelCategory.Defaulter, LabelSource.Court)]
    [TestCase(LabelCategory.Wangiri, LabelSource.Auto)]
    public async Task A_risk_model_label_never_replaces_a_label_from_another_source(LabelCategory category, LabelSource source)
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Number, category, source, "set by people"), "cli:alice");

        var version = await store.AddAsync(Suspect(), "cli:bob");
        var written = await store.ImportAsync([Suspect() with { Category = LabelCategory.Fraud }], "cli:bob");

        Assert.That(version, Is.Zero);
        Assert.That(written, Is.Zero);
        var label = await store.GetAsync(Number);
        Assert.That(label!.Category, Is.EqualTo(category));
        Assert.That(label.Source, Is.EqualTo(source));
        Assert.That(label.Reason, Is.EqualTo("set by people"));
    }

    [Test]
    public async Task A_risk_model_label_refreshes_its_own_and_people_replace_it()
    {
        var store = NewStore();
        await store.AddAsync(Suspect(), "cli:bob");

        var written = await store.ImportAsync([Suspect() with { Category = LabelCategory.Fraud, Reason = "risk 0.97" }], "cli:bob");
        Assert.That(written, Is.EqualTo(1));
        Assert.That((await store.GetAsync(Number))!.Action, Is.EqualTo(LabelAction.Block), "fraud blocks");

        await store.AddAsync(new LabelRequest(Number, LabelCategory.Allow, LabelSource.Carrier, "our own test line"), "cli:alice");
        Assert.That((await store.GetAsync(Number))!.Category, Is.EqualTo(LabelCategory.Allow));
    }

    [Test]
    public async Task A_risk_model_label_takes_a_number_whose_label_has_expired()
    {
        var store = NewStore();
        await store.AddAsync(new LabelRequest(Number, LabelCategory.Spam, LabelSource.Report) { ExpiresAt = Start.AddHours(1) }, "cli:alice");
        Clock.Advance(TimeSpan.FromHours(2));

        var version = await store.AddAsync(Suspect(), "cli:bob");

        Assert.That(version, Is.Positive);
        var label = await store.GetAsync(Number);
        Assert.That(label!.Category, Is.EqualTo(LabelCategory.Suspect));
        Assert.That(label.Action, Is.EqualTo(LabelAction.Warn), "suspect warns");
        Assert.That(label.Source, Is.EqualTo(LabelSource.RiskModel));
    }

    private LabelRequest Suspect() => new(Number, LabelCategory.Suspect, LabelSource.RiskModel, "risk 0.48") { ExpiresAt = Clock.GetUtcNow().AddDays(30) };
}
