using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Offline;
using FraudStream.Scoring.Training;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Offline;

[TestFixture]
public sealed class DetectionScoreTests
{
    private static readonly PhoneNumber s_dialer = Home(1);
    private static readonly PhoneNumber s_missedDialer = Home(2);
    private static readonly PhoneNumber s_victim = Home(3);
    private static readonly PhoneNumber s_bomber = Home(4);
    private static readonly PhoneNumber s_busy = Home(5);
    private static readonly PhoneNumber s_quiet = Home(6);

    [Test]
    public void Scores_recall_precision_delay_and_false_suspects_by_number()
    {
        var truth = new TruthSet();
        truth.AddSuspect(s_dialer.Value, "robocall");
        truth.AddSuspect(s_missedDialer.Value, "robocall");
        truth.AddSuspect(s_bomber.Value, "call_bombing");
        truth.AddVictim(s_victim.Value, "call_bombing");
        var score = new DetectionScore(truth);
        CallEvent[] events =
        [
            Call(s_dialer, s_quiet, Noon),
            Call(s_missedDialer, s_quiet, Noon.AddSeconds(5)),
            Call(s_bomber, s_victim, Noon.AddSeconds(10)),
            Call(s_busy, s_quiet, Noon.AddSeconds(20)),
            Call(s_dialer, s_busy, Noon.AddSeconds(30)),
            Call(s_bomber, s_victim, Noon.AddSeconds(70)),
            Call(s_quiet, s_busy, Noon.AddSeconds(80)),
        ];
        foreach (var e in events)
            score.Observe(e);

        // The dialer named at its second call (30 s after its first), a legitimate number named robocall too, the
        // victim named at the second call it received (60 s after the first); the other dialer never.
        score.Add(events[4], Decide(FraudKind.Robocall, Role.Suspect, s_dialer));
        score.Add(events[3], Decide(FraudKind.Robocall, Role.Suspect, s_busy));
        score.Add(events[5], Decide(FraudKind.CallBombing, Role.Victim, s_victim));
        score.Add(events[6], Decide(FraudKind.Blocklisted, Role.Suspect, s_quiet, DecisionAction.Allow));

        var robocall = score.Of(FraudKind.Robocall, Role.Suspect, "robocall", Role.Suspect);
        Assert.That(robocall, Is.EqualTo(new RowScore(Truth: 2, Named: 2, Hits: 1, ByAny: 1, MedianSeconds: 30)));
        Assert.That(robocall.Precision, Is.EqualTo(0.5));
        Assert.That(robocall.Recall, Is.EqualTo(0.5));

        var bombing = score.Of(FraudKind.CallBombing, Role.Victim, "call_bombing", Role.Victim);
        Assert.That(bombing, Is.EqualTo(new RowScore(Truth: 1, Named: 1, Hits: 1, ByAny: 1, MedianSeconds: 60)));

        // Legitimate callers: busy and quiet (an allow label names no one); busy was named.
        Assert.That(score.LegitimateCallers, Is.EqualTo(2));
        Assert.That(score.LegitimateNamedAsSuspects, Is.EqualTo(1));
        Assert.That(score.FalseSuspects().Single(), Is.EqualTo((s_busy.Value, "robocall")));
    }

    [Test]
    public void A_hijacked_lines_delay_counts_from_its_fraud_not_from_its_owners_calls()
    {
        // The owner calls at noon; the line is hijacked at 01:00 and named 40 s into the fraud.
        var truth = new TruthSet();
        truth.AddSuspect(s_dialer.Value, "irsf");
        truth.NoteFraudStart(s_dialer.Value, Noon.AddHours(13).ToUnixTimeMilliseconds());
        var score = new DetectionScore(truth);
        var owner = Call(s_dialer, s_quiet, Noon);
        var fraud = Call(s_dialer, s_busy, Noon.AddHours(13).AddSeconds(40));
        score.Observe(owner);
        score.Observe(fraud);
        score.Add(fraud, Decide(FraudKind.Irsf, Role.Suspect, s_dialer));

        Assert.That(score.Of(FraudKind.Irsf, Role.Suspect, "irsf", Role.Suspect).MedianSeconds, Is.EqualTo(40));
    }

    [Test]
    public void A_kind_nobody_played_has_no_recall_rather_than_zero()
    {
        var score = new DetectionScore(new TruthSet());
        score.Observe(Call(s_busy, s_quiet, Noon));

        var row = score.Of(FraudKind.Wangiri, Role.Suspect, "wangiri", Role.Suspect);
        Assert.That(row.Truth, Is.Zero);
        Assert.That(row.Recall, Is.NaN);
        Assert.That(row.MedianSeconds, Is.NaN);
    }

    private static Decision Decide(FraudKind kind, Role role, PhoneNumber number, DecisionAction action = DecisionAction.Warn)
    {
        var decision = new Decision();
        decision.Add(new Detection(kind, role, number, action, Severity.Medium, 1, ReasonCode.ModelScore, 1, 1));
        return decision;
    }
}
