using FraudStream.Host.Bench.Faults;

namespace FraudStream.Tests.Shared.Faults;

/// <summary>The fault matrix's assertions on the product's oracle (<see cref="DeliveryLedger"/>, shared with <c>fraudstream bench --faults</c>).</summary>
internal static class LedgerAssertions
{
    /// <summary>Prints the ledger (TestContext.Progress, so it shows in the run's output) and fails naming what was lost.</summary>
    public static DeliveryLedger AssertNothingLost(this DeliveryLedger ledger, string scenario)
    {
        TestContext.Progress.WriteLine($"[fault matrix] {scenario}: {ledger}");
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Records, Is.GreaterThan(0), $"{scenario}: no input records were read back");
            Assert.That(ledger.Lost, Is.Empty, $"{scenario}: {ledger.Lost.Count} of {ledger.Valid} valid records have no decision, e.g. {string.Join(", ", ledger.Lost.Take(DeliveryLedger.Shown))}");
            Assert.That(ledger.NotForwarded, Is.Empty, $"{scenario}: {ledger.NotForwarded.Count} of {ledger.Valid} valid records were never re-keyed to the callee stage, e.g. {string.Join(", ", ledger.NotForwarded.Take(DeliveryLedger.Shown))}");
            Assert.That(ledger.NotDeadLettered, Is.Empty, $"{scenario}: {ledger.NotDeadLettered.Count} of {ledger.Malformed} malformed records are not in the DLQ, e.g. {string.Join(", ", ledger.NotDeadLettered.Take(DeliveryLedger.Shown))}");
            Assert.That(ledger.DeadLettersWithoutHeaders, Is.Zero, $"{scenario}: dead letters without error/source headers");
        });
        return ledger;
    }

    /// <summary>Fails when more decisions or dead letters were repeated than <paramref name="bound"/>.</summary>
    public static DeliveryLedger AssertDuplicatesAtMost(this DeliveryLedger ledger, long bound, string scenario, string why)
    {
        Assert.That(ledger.Duplicates + ledger.DeadLetterDuplicates, Is.LessThanOrEqualTo(bound), $"{scenario}: {ledger.Duplicates} decisions and {ledger.DeadLetterDuplicates} dead letters repeated, more than {why} ({bound})");
        return ledger;
    }
}
