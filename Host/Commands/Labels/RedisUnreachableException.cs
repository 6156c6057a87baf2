namespace FraudStream.Host.Commands.Labels;

/// <summary>Redis could not be reached at all; the message says why (connection refused, no such host, timeout).</summary>
internal sealed class RedisUnreachableException(string reason) : Exception(reason);
