namespace FraudStream.LoadTest.Harness;

/// <summary>A bench phase could not measure what it should; the message says what happened and what to do.</summary>
internal sealed class BenchFailedException(string message) : Exception(message);
