namespace FraudStream.Host;

/// <summary>Process exit codes of the <c>fraudstream</c> command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and failed (a round trip did not complete, a component died).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or configuration, or a command that is not built yet: nothing was done.</summary>
    public const int Usage = 2;
}
