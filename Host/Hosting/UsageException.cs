namespace FraudStream.Host.Hosting;

/// <summary>Bad arguments or configuration: the command prints the message as one line and exits 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
