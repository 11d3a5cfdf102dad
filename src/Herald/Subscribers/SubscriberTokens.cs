using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// Signed, self-contained link tokens (HMAC-SHA256 over purpose, newsletter, subscriber and expiry), so a
/// link proves who it is for without a lookup table and cannot be forged or re-aimed at another purpose.
/// </summary>
public sealed class SubscriberTokens(IOptions<TokenOptions> options, TimeProvider time)
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    /// <summary>Unsubscribe links must keep working for years (CAN-SPAM: at least 30 days after sending).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3650);

    public string Create(TokenPurpose purpose, string newsletterId, string subscriberId)
    {
        var lifetime = purpose == TokenPurpose.Confirm ? ConfirmLifetime : LinkLifetime;
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes(string.Join('|', purpose, newsletterId, subscriberId, expires.ToString(CultureInfo.InvariantCulture)));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>The token's content when it is genuine, unexpired and for <paramref name="purpose"/>; otherwise null.</summary>
    public SubscriberToken? Verify(string? token, TokenPurpose purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 2 || !Base64Url.IsValid(parts[0]) || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        var payload = Base64Url.DecodeFromChars(parts[0]);
        if (!CryptographicOperations.FixedTimeEquals(Sign(payload), Base64Url.DecodeFromChars(parts[1])))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('|');
        if (fields.Length != 4
            || !Enum.TryParse<TokenPurpose>(fields[0], out var actual) || actual != purpose
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || DateTimeOffset.FromUnixTimeSeconds(expires) < time.GetUtcNow())
        {
            return null;
        }

        return new SubscriberToken(actual, fields[1], fields[2]);
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SigningKey), payload);
}
