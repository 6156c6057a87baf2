using FraudStream.LoadTest.Faults;
using static FraudStream.LoadTest.Tests.Faults.LedgerRecords;

namespace FraudStream.LoadTest.Tests.Faults;

/// <summary>
/// The ledger's attribution on constructed topics and evidence: one record, r-1 at 0@0, whose re-keyed copy is missing
/// from the log (as in the leader-change failure), and what the pipeline's delivery reports said about it.
/// </summary>
[TestFixture]
public sealed class DeliveryLedgerTests
{
    private const long Unset = -1001;

    [Test]
    public void Missing_record_acknowledged_as_persisted_without_an_offset_before_its_input_was_released_is_the_brokers_loss()
    {
        var evidence = new DeliveryEvidence();
        evidence.Acknowledged(LedgerOutput.Rekeyed, "r-1", new Acknowledgement(1, Persisted: true, Unset));
        evidence.Acknowledged(LedgerOutput.Decision, "r-1", new Acknowledgement(2, Persisted: true, 0));
        evidence.Released(0, 1, 3);

        var ledger = RekeyedMissing(evidence);

        Assert.That(ledger.NotForwarded, Is.Empty, "not FraudStream's");
        Assert.That(ledger.BrokerLost, Is.EqualTo(new[] { "re-keyed record of r-1 (0@0) acknowledged without an offset" }));
        Assert.That(ledger.BrokerLostWithoutOffset, Is.EqualTo(1));
        Assert.That(ledger.Whole, Is.True, ledger.Shortfall());
        Assert.That(ledger.BrokerLoss(), Does.Contain("the broker lost 1 outputs").And.Contain("r-1"));
        Assert.That(ledger.ToString(), Does.Contain("lost by the broker after acknowledging 1 (1 without an offset)"));
    }

    [Test]
    public void Missing_record_that_was_never_produced_is_FraudStreams_loss_and_fails()
    {
        var evidence = new DeliveryEvidence();
        evidence.Acknowledged(LedgerOutput.Decision, "r-1", new Acknowledgement(1, Persisted: true, 0));
        evidence.Released(0, 1, 2);

        var ledger = RekeyedMissing(evidence);

        Assert.That(ledger.NotForwarded, Is.EqualTo(new[] { "r-1 (0@0): no delivery report: never produced" }));
        Assert.That(ledger.BrokerLost, Is.Empty);
        Assert.That(ledger.Whole, Is.False);
        Assert.That(ledger.Shortfall(), Does.Contain("1 of 1 valid records were never re-keyed to the callee stage (lost by FraudStream)"));
    }

    [Test]
    public void Missing_record_whose_input_offset_was_released_before_it_was_acknowledged_is_FraudStreams_loss()
    {
        var evidence = new DeliveryEvidence();
        evidence.Released(0, 1, 1);
        evidence.Acknowledged(LedgerOutput.Rekeyed, "r-1", new Acknowledgement(2, Persisted: true, Unset));
        evidence.Acknowledged(LedgerOutput.Decision, "r-1", new Acknowledgement(3, Persisted: true, 0));

        var ledger = RekeyedMissing(evidence);

        Assert.That(ledger.NotForwarded, Is.EqualTo(new[] { "r-1 (0@0): its input offset was released for storing before it was acknowledged" }));
        Assert.That(ledger.BrokerLost, Is.Empty);
        Assert.That(ledger.Whole, Is.False);
    }

    [Test]
    public void Missing_record_whose_delivery_failed_is_FraudStreams_loss_even_with_a_later_release()
    {
        var evidence = new DeliveryEvidence();
        evidence.Acknowledged(LedgerOutput.Rekeyed, "r-1", new Acknowledgement(1, Persisted: false, Unset));
        evidence.Acknowledged(LedgerOutput.Decision, "r-1", new Acknowledgement(2, Persisted: true, 0));
        evidence.Released(0, 1, 3);

        var ledger = RekeyedMissing(evidence);

        Assert.That(ledger.NotForwarded, Is.EqualTo(new[] { "r-1 (0@0): its delivery failed and it was not produced again" }));
        Assert.That(ledger.Whole, Is.False);
    }

    [Test]
    public void Without_evidence_a_missing_record_is_FraudStreams_loss()
    {
        var ledger = RekeyedMissing(evidence: null);

        Assert.That(ledger.NotForwarded, Is.EqualTo(new[] { "r-1 (0@0)" }));
        Assert.That(ledger.BrokerLost, Is.Empty);
        Assert.That(ledger.Audited, Is.False);
        Assert.That(ledger.Whole, Is.False);
    }

    [Test]
    public void Output_in_the_log_acknowledged_only_after_its_input_offset_was_released_fails()
    {
        var evidence = new DeliveryEvidence();
        evidence.Acknowledged(LedgerOutput.Rekeyed, "r-1", new Acknowledgement(1, Persisted: true, 0));
        evidence.Released(0, 1, 2);
        evidence.Acknowledged(LedgerOutput.Decision, "r-1", new Acknowledgement(3, Persisted: true, 0));

        var ledger = DeliveryLedger.Check([Cdr("r-1", 0, 0)], [Decision("r-1")], [], IngestTopics, [Rekeyed("r-1")], evidence);

        Assert.That(ledger.ReleasedEarly, Is.EqualTo(new[] { "decision of r-1 (0@0)" }));
        Assert.That(ledger.Whole, Is.False);
        Assert.That(ledger.Shortfall(), Does.Contain("at-least-once broken"));
    }

    [Test]
    public void Missing_decision_and_dead_letter_acknowledged_at_an_offset_are_the_brokers_loss()
    {
        var evidence = new DeliveryEvidence();
        evidence.Acknowledged(LedgerOutput.Decision, "r-1", new Acknowledgement(1, Persisted: true, 7));
        evidence.Acknowledged(LedgerOutput.Rekeyed, "r-1", new Acknowledgement(2, Persisted: true, 3));
        evidence.Acknowledged(LedgerOutput.DeadLetter, "0@1", new Acknowledgement(3, Persisted: true, Unset));
        evidence.Released(0, 2, 4);

        var ledger = DeliveryLedger.Check([Cdr("r-1", 0, 0), Malformed(0, 1)], [], [], IngestTopics, [Rekeyed("r-1")], evidence);

        Assert.That(ledger.Lost, Is.Empty);
        Assert.That(ledger.NotDeadLettered, Is.Empty);
        Assert.That(ledger.BrokerLost, Is.EquivalentTo(new[] { "dead letter of 0@1 acknowledged without an offset", "decision of r-1 (0@0) acknowledged at offset 7" }));
        Assert.That(ledger.Whole, Is.True, ledger.Shortfall());
    }

    [Test]
    public void Redelivered_record_is_excused_only_when_no_occurrence_was_released_before_the_acknowledgement()
    {
        // r-1 at 0@0 and again at 1@0: the release beyond 1@0 came before the acknowledgement.
        var evidence = new DeliveryEvidence();
        evidence.Released(1, 1, 1);
        evidence.Acknowledged(LedgerOutput.Rekeyed, "r-1", new Acknowledgement(2, Persisted: true, Unset));
        evidence.Acknowledged(LedgerOutput.Decision, "r-1", new Acknowledgement(3, Persisted: true, 0));
        evidence.Released(0, 1, 4);

        var ledger = DeliveryLedger.Check([Cdr("r-1", 0, 0), Cdr("r-1", 1, 0)], [Decision("r-1")], [], IngestTopics, [], evidence);

        Assert.That(ledger.BrokerLost, Is.Empty);
        Assert.That(ledger.NotForwarded, Has.Count.EqualTo(1).And.Some.Contains("released for storing before"));
    }

    [Test]
    public void Released_offsets_cover_every_record_before_them_from_the_first_release_on()
    {
        var evidence = new DeliveryEvidence();
        evidence.Released(0, 10, 5);
        evidence.Released(0, 4, 2);
        evidence.Released(0, 20, 9);

        Assert.That(evidence.ReleasedAt(0, 3), Is.EqualTo(2));
        Assert.That(evidence.ReleasedAt(0, 4), Is.EqualTo(5));
        Assert.That(evidence.ReleasedAt(0, 19), Is.EqualTo(9));
        Assert.That(evidence.ReleasedAt(0, 20), Is.EqualTo(long.MaxValue));
        Assert.That(evidence.ReleasedAt(1, 0), Is.EqualTo(long.MaxValue));
    }

    // r-1 decided, its re-keyed record missing from the log.
    private static DeliveryLedger RekeyedMissing(DeliveryEvidence? evidence)
        => DeliveryLedger.Check([Cdr("r-1", 0, 0)], [Decision("r-1")], [], IngestTopics, [], evidence);
}
