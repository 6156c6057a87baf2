namespace FraudStream.LoadTest.Faults;

/// <summary>The outputs of the caller stage the ledger checks for every input record.</summary>
internal enum LedgerOutput
{
    /// <summary>A caller-stage decision, by recordId.</summary>
    Decision,

    /// <summary>A record re-keyed by callee for the callee stage, by recordId.</summary>
    Rekeyed,

    /// <summary>A dead letter, by its source record's partition@offset.</summary>
    DeadLetter,
}
