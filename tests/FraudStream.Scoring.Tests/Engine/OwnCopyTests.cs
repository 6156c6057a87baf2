using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Engine;

/// <summary>
/// Whom a number calls reaches its own callee-side partition as copies of its outbound records: every call abroad
/// (victim warning) and a pair's first event in each day (harassment: a callee who calls back is no victim).
/// </summary>
[TestFixture]
public sealed class OwnCopyTests
{
    private static readonly PhoneNumber Subscriber = Home(1);
    private static readonly PhoneNumber Friend = Home(2);
    private static readonly PhoneNumber Colleague = Home(3);
    private static readonly PhoneNumber Relative = Number("+447700900123");

    private static ScoringServices Services()
        => new(null, ThresholdsProvider.Fixed(Thresholds.Default), null, new FeatureOptions { PairTableBits = 16 });

    [Test]
    public void The_caller_side_copies_a_pairs_first_event_of_each_day_and_every_call_abroad()
    {
        var scorer = new PartitionScorer(Services(), Side.Outbound);
        CallEvent[] events =
        [
            Call(Subscriber, Friend, Noon),
            Sms(Subscriber, Friend, Noon.AddMinutes(30)),
            Call(Subscriber, Colleague, Noon.AddHours(1)),
            Call(Subscriber, Relative, Noon.AddHours(2)),
            Call(Subscriber, Relative, Noon.AddHours(3)),
            Call(Subscriber, Friend, Noon.AddDays(1)),
        ];

        scorer.Score(events, new Decision[events.Length]);

        var copied = Enumerable.Range(0, events.Length).Select(scorer.NeedsOwnCopy);
        Assert.That(copied, Is.EqualTo(new[] { true, false, true, true, true, true }),
            "first contact, the same pair again that day, another pair, every call abroad, the first pair again the next day");
    }

    [Test]
    public void The_callee_side_remembers_a_copy_and_does_not_score_it()
    {
        var services = Services();
        var scorer = new PartitionScorer(services, Side.Inbound);
        CallEvent[] events = [Call(Subscriber, Friend, Noon), Call(Subscriber, Relative, Noon.AddMinutes(1)), Call(Colleague, Subscriber, Noon.AddMinutes(2))];
        var decisions = new Decision[events.Length];

        scorer.Score(events, decisions, ownCopies: [true, true, false]);

        Assert.That(services.CalledNumbers.Contains(Subscriber.Value, Friend.Value), Is.True, "a call at home");
        Assert.That(services.CalledNumbers.Contains(Subscriber.Value, Relative.Value), Is.True, "a call abroad");
        Assert.That(services.CalledAbroad.Contains(Subscriber.Value, Relative.Value), Is.True, "victim warning's memory of calls abroad");
        Assert.That(services.CalledAbroad.Contains(Subscriber.Value, Friend.Value), Is.False, "which holds no call at home");
        Assert.That(services.CalledNumbers.Contains(Colleague.Value, Subscriber.Value), Is.False, "an inbound event is scored, not remembered as a call made");
        Assert.That(scorer.NeedsOwnCopy(2), Is.False, "the callee side copies nothing");
    }

    [Test]
    public void Pair_memory_returns_the_minute_of_the_pairs_event_before()
    {
        var pairs = new PairRecency(12);

        var first = pairs.Touch(Subscriber.Value, Friend.Value, 600, out _, out _, out _);
        var second = pairs.Touch(Subscriber.Value, Friend.Value, 1_500, out _, out _, out _);

        Assert.That(first, Is.EqualTo(uint.MaxValue), "a first contact");
        Assert.That(second, Is.EqualTo(10u), "second 600 is minute 10");
    }
}
