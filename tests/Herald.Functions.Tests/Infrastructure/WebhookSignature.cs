using System.Security.Cryptography;
using System.Text;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>Signs a body as SendGrid's event webhook does: ECDSA P-256, SHA-256 over timestamp + body, DER, base64 (copied from Herald.Tests' WebhookSigner).</summary>
public static class WebhookSignature
{
    public static (string Signature, string Timestamp) Sign(ECDsa key, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = key.SignData([.. Encoding.ASCII.GetBytes(timestamp), .. Encoding.UTF8.GetBytes(body)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (Convert.ToBase64String(signature), timestamp);
    }
}
