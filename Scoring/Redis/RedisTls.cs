using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;

namespace FraudStream.Scoring.Redis;

/// <summary>
/// TLS to a Redis whose certificate is signed by a private CA (<c>Redis:SslCaLocation</c>): the server's
/// certificate must chain to one of the file's certificates and name the host (the endpoint or <c>sslHost</c>).
/// StackExchange.Redis 3.x's <c>ConfigurationOptions.TrustIssuer</c> trusts the one certificate it is given; a PEM file of
/// several CAs (one being rotated out, an intermediate) needs a chain built over all of them, hence this callback.
/// </summary>
public static class RedisTls
{
    /// <summary>Makes <paramref name="config"/> trust the CA certificates of <paramref name="caFile"/> (PEM) instead of the system's.</summary>
    /// <exception cref="InvalidDataException">The file holds no PEM certificate.</exception>
    public static void TrustOnly(ConfigurationOptions config, string caFile)
    {
        var authorities = Load(caFile);
        config.CertificateValidation += (_, certificate, _, errors) => IsTrusted(certificate, errors, authorities);
    }

    /// <summary>The certificates of a PEM file.</summary>
    /// <exception cref="InvalidDataException">The file holds no PEM certificate.</exception>
    public static X509Certificate2Collection Load(string caFile)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidDataException($"Redis:SslCaLocation: '{caFile}' is not a PEM certificate file ({e.Message})", e);
        }

        return authorities.Count > 0 ? authorities : throw new InvalidDataException($"Redis:SslCaLocation: no certificate in '{caFile}'");
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        // Only the chain is judged here, against the private CA; a missing certificate or a wrong name still fails.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
