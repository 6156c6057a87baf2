using FraudStream.LoadTest.Faults;

namespace FraudStream.Tests.Shared.Faults;

/// <summary>The fault matrix's assertions on the product's oracle (<see cref="DeliveryLedger"/>, shared with <c>fraudstream bench --faults</c>).</summary>
internal static class LedgerAssertions
{
    /// <summary>
    /// Prints the ledger and what the broker lost after acknowledging it (TestContext.Progress, so it shows in the run's
    /// output), and fails naming what FraudStream lost. The broker's losses are reported beside it and fail nothing.
    /// </summary>
    public static DeliveryLedger AssertNothingLost(this DeliveryLedger ledger, string scenario)
    {
        TestContext.Progress.WriteLine($"[fault matrix] {scenario}: {ledger}");
        if (ledger.BrokerLost.Count > 0)
            TestContext.Progress.WriteLine($"[fault matrix] {scenario}: {ledger.BrokerLoss()}");
        Assert.That(ledger.Whole, Is.True, $"{scenario}: {ledger.Shortfall()}");
        return ledger;
    }

    /// <summary>Fails when more decisions or dead letters were repeated than <paramref name="bound"/>.</summary>
    public static DeliveryLedger AssertDuplicatesAtMost(this DeliveryLedger ledger, long bound, string scenario, string why)
    {
        Assert.That(ledger.Duplicates + ledger.DeadLetterDuplicates, Is.LessThanOrEqualTo(bound), $"{scenario}: {ledger.Duplicates} decisions and {ledger.DeadLetterDuplicates} dead letters repeated, more than {why} ({bound})");
        return ledger;
    }
}
