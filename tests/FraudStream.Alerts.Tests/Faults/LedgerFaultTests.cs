using System.Globalization;
using System.Text.RegularExpressions;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// The fault ledger must still fail when FraudStream itself loses a record, now that it excuses what the broker lost
/// after acknowledging: one valid record is left un-re-keyed by the caller stage (a test seam) while its offset is
/// stored like every other's, and the ledger must name it as FraudStream's loss and fail.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LedgerFaultTests
{
    [Test]
    public async Task Record_FraudStream_never_re_keyed_is_FraudStreams_loss_and_fails_the_ledger()
    {
        var drop = new OneRecordDrop(after: 1_000);
        using var run = new FaultRun { SkipRekeying = drop.Skip };

        var ledger = await run.RunAsync(static _ => Task.CompletedTask);

        TestContext.Progress.WriteLine($"[fault matrix] one record not re-keyed on purpose: {ledger}; {ledger.Shortfall()}");
        var dropped = drop.RecordId;
        Assert.That(dropped, Is.Not.Null, "the caller stage re-keyed 1,000 records, then skipped one");
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Audited, Is.True);
            Assert.That(ledger.NotForwarded, Has.Count.EqualTo(1));
            Assert.That(ledger.NotForwarded, Has.All.StartsWith(dropped + " (").And.All.EndsWith(": no delivery report: never produced"));
            Assert.That(ledger.BrokerLost, Has.None.Contains(dropped), "not excused as the broker's loss");
            Assert.That(ledger.Lost, Is.Empty, "its decision was produced");
        });

        // Its input offset was released for storing all the same (and the stage committed the end of its topic).
        var where = Regex.Match(ledger.NotForwarded[0], @"\((\d+)@(\d+)\)");
        Assert.That(run.Audit!.Evidence.ReleasedAt(int.Parse(where.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(where.Groups[2].Value, CultureInfo.InvariantCulture)),
            Is.LessThan(long.MaxValue), "the dropped record's offset was released for storing");

        // The fault matrix's assertion, isolated, as every fault test makes it.
        var failure = Assert.Throws<AssertionException>(() => ledger.AssertNothingLost("one record not re-keyed"));
        Assert.That(failure!.Message, Does.Contain("1 of").And.Contain("valid records were never re-keyed to the callee stage (lost by FraudStream)").And.Contain(dropped));
    }

    /// <summary>Skips re-keying every record with the id of the (after + 1)th record the caller stage re-keys (redeliveries share it).</summary>
    private sealed class OneRecordDrop(int after)
    {
        private readonly Lock _gate = new();
        private int _seen;

        public string? RecordId { get; private set; }

        public bool Skip(string recordId)
        {
            lock (_gate)
            {
                if (RecordId is null && ++_seen > after)
                    RecordId = recordId;
                return recordId == RecordId;
            }
        }
    }
}
