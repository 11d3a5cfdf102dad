using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

/// <summary>
/// Verifies SendGrid's signed webhooks: an ECDSA (P-256, SHA-256) signature over the timestamp header followed by
/// the raw body, with the public key from SendGrid's settings, and a timestamp within
/// Delivery:SendGridWebhookMaxAge of now. Every malformed header is a verdict, never an exception.
/// </summary>
public sealed class SendGridWebhookVerifier(IOptions<DeliveryOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa? _key = ReadKey(options.Value.SendGridWebhookPublicKey);

    public WebhookVerdict Verify(ReadOnlySpan<byte> body, string? signature, string? timestamp) =>
        Verify(_key, options.Value.SendGridWebhookMaxAge, time.GetUtcNow(), body, signature, timestamp);

    /// <summary>
    /// SendGrid's signature scheme (the event webhook's, and the Inbound Parse security policy's): ECDSA over the
    /// timestamp followed by the raw body, the timestamp within <paramref name="maxAge"/> of <paramref name="now"/>.
    /// </summary>
    public static WebhookVerdict Verify(ECDsa? key, TimeSpan maxAge, DateTimeOffset now, ReadOnlySpan<byte> body, string? signature, string? timestamp)
    {
        if (key is null)
        {
            return WebhookVerdict.NotConfigured;
        }

        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp) || timestamp.Length > 20 || signature.Length > 512
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerdict.MissingSignature;
        }

        var signatureBytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var length))
        {
            return WebhookVerdict.MissingSignature;
        }

        if (seconds > 253402300799 || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > maxAge.TotalSeconds)
        {
            return WebhookVerdict.Stale;
        }

        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + body.Length];
        var written = Encoding.ASCII.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(written));
        try
        {
            return key.VerifyData(signed, signatureBytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? WebhookVerdict.Genuine
                : WebhookVerdict.Forged;
        }
        catch (CryptographicException)
        {
            return WebhookVerdict.Forged;
        }
    }

    /// <summary>The ECDSA key in a base64 SubjectPublicKeyInfo, as SendGrid shows it; null when it is not one.</summary>
    public static ECDsa? ReadKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64.Trim()), out _);
            return key;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
