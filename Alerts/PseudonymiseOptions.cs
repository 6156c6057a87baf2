using System.Text;

namespace FraudStream.Alerts;

/// <summary>
/// Pseudonymous alerts, for analyst audiences who must not see subscribers' numbers: every number of an alert
/// (its <c>number</c>, <c>counterparts</c>, the numbers in reasons, and the Kafka key) is replaced by a keyed
/// HMAC-SHA256 pseudonym, <c>h:</c> + 32 lowercase hex characters (docs/contracts/alert-v1.md). The same number
/// and key give the same pseudonym, so alerts can still be grouped; without the key a pseudonym cannot be turned
/// back into a number by trying them all. Bound from <c>Alerts:Pseudonymise</c>.
/// </summary>
public sealed class PseudonymiseOptions
{
    /// <summary>The fewest UTF-8 bytes of key accepted: HMAC-SHA256's own output size, 256 bits.</summary>
    public const int MinKeyBytes = 32;

    public bool Enabled { get; set; }

    /// <summary>
    /// The HMAC key (its UTF-8 bytes), at least <see cref="MinKeyBytes"/> bytes, e.g. from <c>openssl rand -hex 32</c>.
    /// A secret: give it in the environment (<c>FRAUDSTREAM__Alerts__Pseudonymise__Key</c>). Changing it changes every pseudonym.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (!Enabled)
            return null;
        var bytes = Encoding.UTF8.GetByteCount(Key);
        return bytes >= MinKeyBytes
            ? null
            : $"Alerts:Pseudonymise:Key is {(bytes == 0 ? "empty" : $"{bytes} bytes")}; Alerts:Pseudonymise:Enabled needs a key of at least {MinKeyBytes} bytes "
              + "(e.g. openssl rand -hex 32) in FRAUDSTREAM__Alerts__Pseudonymise__Key";
    }

    /// <summary>The settings without the key.</summary>
    public override string ToString() => $"Pseudonymise {{ Enabled = {Enabled}, Key = {(Key.Length > 0 ? "***" : "")} }}";
}
