using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Herald.Mail;
using Microsoft.Extensions.Options;

namespace Herald.Inbound;

/// <summary>
/// Who may post inbound mail: the holder of Inbound:Secret (HTTP basic credentials SendGrid sends from the webhook
/// URL), and, when Inbound:SendGridPublicKey is set, only with SendGrid's signature over the raw body and a fresh
/// timestamp (the Parse webhook's signature security policy; the same scheme as the event webhook).
/// </summary>
public sealed class InboundAuthenticator(IOptions<InboundOptions> options, TimeProvider time)
{
    private readonly ECDsa? _key = SendGridWebhookVerifier.ReadKey(options.Value.SendGridPublicKey);
    private readonly byte[]? _secret = string.IsNullOrWhiteSpace(options.Value.Secret) ? null : Encoding.UTF8.GetBytes(options.Value.Secret.Trim());

    public bool RequiresSignature => _key is not null;

    /// <summary>True when no secret is configured, or the request's basic credentials carry it (any user name).</summary>
    public bool HasCredentials(string? authorization)
    {
        if (_secret is null)
        {
            return true;
        }

        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 and <= 1024 } encoded)
        {
            return false;
        }

        var decoded = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, decoded, out var length))
        {
            return false;
        }

        var colon = Array.IndexOf(decoded, (byte)':', 0, length);
        return colon >= 0 && CryptographicOperations.FixedTimeEquals(decoded.AsSpan(colon + 1, length - colon - 1), _secret);
    }

    public WebhookVerdict VerifySignature(ReadOnlySpan<byte> body, string? signature, string? timestamp) =>
        SendGridWebhookVerifier.Verify(_key, options.Value.SignatureMaxAge, time.GetUtcNow(), body, signature, timestamp);
}
