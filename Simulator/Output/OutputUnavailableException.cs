namespace FraudStream.Simulator.Output;

/// <summary>The output cannot take records (Kafka unreachable, topic missing); the message is one line for the user.</summary>
public sealed class OutputUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
