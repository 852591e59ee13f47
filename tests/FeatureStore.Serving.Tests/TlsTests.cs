using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FeatureStore.Client;
using Grpc.Health.V1;

namespace FeatureStore.Serving.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task ServerSpeaksGrpcOverTlsWithAPemCertificate()
    {
        var directory = Directory.CreateTempSubdirectory("fs-tls-").FullName;
        using var certificate = SelfSigned();
        var certPath = Path.Combine(directory, "server.crt");
        var keyPath = Path.Combine(directory, "server.key");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString() },
        };

        await using var env = await ServingEnvironment.StartAsync(
            clientOptions: new FeatureServingClientOptions { Address = new Uri("https://unused"), Handler = handler },
            configure: o => o with { TlsCertificatePath = certPath, TlsKeyPath = keyPath });

        Assert.Equal("https", env.Server.Address.Scheme);
        var result = await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L));
        Assert.Equal(12L, result[0, "trips"].Value);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await env.Client.CheckHealthAsync());
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
