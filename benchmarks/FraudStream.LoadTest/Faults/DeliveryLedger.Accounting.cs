namespace FraudStream.LoadTest.Faults;

internal sealed partial class DeliveryLedger
{
    /// <summary>Who lost each missing output, and which present ones were acknowledged only after their input offset was released.</summary>
    private sealed class Accounting(DeliveryEvidence? evidence)
    {
        private readonly Dictionary<LedgerOutput, List<string>> _missing = new()
        {
            [LedgerOutput.Decision] = [],
            [LedgerOutput.Rekeyed] = [],
            [LedgerOutput.DeadLetter] = [],
        };

        public List<string> ReleasedEarly { get; } = [];

        public List<string> BrokerLost { get; } = [];

        public long BrokerLostWithoutOffset { get; private set; }

        public IReadOnlyList<string> Missing(LedgerOutput output) => _missing[output];

        /// <summary>
        /// One expected output: <paramref name="id"/> as the ledger and the audit name it, <paramref name="where"/> its input
        /// record, whether the log holds it, and when its input offset was first released (<see cref="DeliveryEvidence.ReleasedAt"/>).
        /// </summary>
        public void Output(LedgerOutput output, string id, string where, bool present, long released)
        {
            var ack = evidence?.Of(output, id);
            var named = output == LedgerOutput.DeadLetter ? $"{Name(output)} of {where}" : $"{Name(output)} of {id} ({where})";
            if (present)
            {
                if (ack is { Persisted: true } early && released < early.Sequence)
                    ReleasedEarly.Add(named);
                return;
            }

            var blame = Blame(ack, released);
            if (blame is not null)
            {
                var entry = output == LedgerOutput.DeadLetter ? where : $"{id} ({where})";
                _missing[output].Add(blame.Length == 0 ? entry : $"{entry}: {blame}");
                return;
            }

            var offset = ack!.Value.Offset;
            if (offset < 0)
                BrokerLostWithoutOffset++;
            BrokerLost.Add($"{named} acknowledged {(offset < 0 ? "without an offset" : $"at offset {offset}")}");
        }

        // Why FraudStream lost it; null when the evidence puts it on the broker: acknowledged as persisted, and its
        // input offset released for storing only afterwards. Empty: no evidence to say either way.
        private string? Blame(Acknowledgement? ack, long released)
        {
            if (evidence is null)
                return "";
            if (ack is not { } a)
                return "no delivery report: never produced";
            if (!a.Persisted)
                return "its delivery failed and it was not produced again";
            if (released == long.MaxValue)
                return "acknowledged, but no release of its input offset was seen";
            if (released < a.Sequence)
                return "its input offset was released for storing before it was acknowledged";
            return null;
        }

        private static string Name(LedgerOutput output) => output switch
        {
            LedgerOutput.Decision => "decision",
            LedgerOutput.Rekeyed => "re-keyed record",
            _ => "dead letter",
        };
    }
}
