using System.Security.Cryptography;
using System.Text;

namespace Herald.Testing;

/// <summary>Signs webhook bodies as SendGrid does: ECDSA P-256 with SHA-256 over timestamp + body, DER-encoded, base64.</summary>
public static class WebhookSigner
{
    public static (string Signature, string Timestamp) Sign(ECDsa key, string body, DateTimeOffset at) => Sign(key, Encoding.UTF8.GetBytes(body), at);

    public static (string Signature, string Timestamp) Sign(ECDsa key, byte[] body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = key.SignData([.. Encoding.ASCII.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (Convert.ToBase64String(signature), timestamp);
    }
}
