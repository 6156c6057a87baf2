namespace FraudStream.Ingest.Cdr;

/// <summary>What a CDR records: a voice call attempt (answered or not) or a text message.</summary>
public enum CallType : byte
{
    Voice,
    Sms,
}
