using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FraudStream.Tests.Shared;

/// <summary>
/// A throwaway certificate authority and a certificate it signed for 127.0.0.1 / localhost, as PEM files in a
/// private directory: what TLS settings point at (CA file, certificate, encrypted and plain private key).
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory, string keyPassword)
    {
        Directory = directory;
        KeyPassword = keyPassword;
    }

    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.pem");

    public string CertificatePath => Path.Combine(Directory, "cert.pem");

    /// <summary>The certificate's private key, encrypted with <see cref="KeyPassword"/> (PKCS#8).</summary>
    public string EncryptedKeyPath => Path.Combine(Directory, "key.encrypted.pem");

    /// <summary>The same key unencrypted, for servers that cannot be given a key password.</summary>
    public string KeyPath => Path.Combine(Directory, "key.pem");

    public string KeyPassword { get; }

    public static TestCertificates Create(string keyPassword)
    {
        var certificates = new TestCertificates(System.IO.Directory.CreateTempSubdirectory("fraudstream-certs-").FullName, keyPassword);
        var now = DateTimeOffset.UtcNow;

        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=FraudStream Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(30), [1, 2, 3, 4, 5, 6, 7, 8]);

        File.WriteAllText(certificates.CaPath, ca.ExportCertificatePem());
        File.WriteAllText(certificates.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(certificates.KeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(
            certificates.EncryptedKeyPath,
            key.ExportEncryptedPkcs8PrivateKeyPem(keyPassword, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));
        return certificates;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A few PEM files left in /tmp are harmless.
        }
    }
}
