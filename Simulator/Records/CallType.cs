namespace FraudStream.Simulator.Records;

/// <summary>The CDR v1 <c>type</c> field.</summary>
internal enum CallType : byte
{
    Voice,
    Sms,
}
