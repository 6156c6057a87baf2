using System.Security.Cryptography;
using System.Text;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Records;

/// <summary>
/// The alert's identity: the first 16 bytes of SHA-256 over UTF-8 <c>recordId + "\n" + kind</c>, as 32
/// lowercase hex characters. A redelivered record yields the same id, so consumers de-duplicate by it.
/// </summary>
public static class AlertId
{
    public static string For(string recordId, FraudKind kind)
    {
        var name = kind.ToWireUtf8();
        var length = Encoding.UTF8.GetByteCount(recordId) + 1 + name.Length;
        Span<byte> input = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(recordId, input);
        input[written++] = (byte)'\n';
        name.CopyTo(input[written..]);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
