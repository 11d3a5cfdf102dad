using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// Signed, self-contained link tokens, so a link proves who it is for without a lookup and cannot be forged or
/// re-aimed at another purpose, newsletter or subscriber. Binary and short, because every digest carries several per
/// recipient and RFC 5321 caps the "unsubscribe+TOKEN" part of a mailto address at 64 characters: key id, version
/// and purpose, expiry, subscriber id, newsletter, a nonce on confirm tokens (binding them to one request), and the
/// first 96 bits of an HMAC-SHA256 over all of it (51 characters; 56 for confirm). The key id picks the verifying
/// key, so keys rotate: the current key signs, previous keys still verify the links already sent.
/// </summary>
public sealed class SubscriberTokens
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    /// <summary>Unsubscribe links must keep working for years (CAN-SPAM: at least 30 days after sending).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3650);

    private const int Version = 1;
    private const int BaseLength = 1 + 1 + 4 + 16 + 4;
    private const int NonceLength = 4;
    private const int MacLength = 12;

    private readonly TimeProvider _time;
    private readonly (byte Id, byte[] Key) _current;
    private readonly (byte Id, byte[] Key)[] _all;
    private readonly Dictionary<uint, string> _newsletters;
    private readonly Dictionary<string, uint> _hashes;

    /// <summary>One reusable HMAC per thread and key: a digest mints two tokens per recipient, a million recipients an edition.</summary>
    [ThreadStatic]
    private static Dictionary<byte[], IncrementalHash>? t_macs;

    public SubscriberTokens(IOptions<HeraldOptions> herald, TimeProvider time)
    {
        _time = time;
        _current = KeyOf(herald.Value.SigningKey);
        _all = [_current, .. herald.Value.PreviousSigningKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(KeyOf)];
        _newsletters = herald.Value.Newsletters.ToDictionary(n => NewsletterHash(n.Id), n => n.Id);
        _hashes = _newsletters.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);
    }

    /// <summary>The id of a signing key: the first byte of its SHA-256, as tokens carry it.</summary>
    public static byte KeyIdOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key))[0];

    public string Create(TokenPurpose purpose, string newsletterId, string subscriberId, uint nonce = 0)
    {
        var payloadLength = PayloadLength(purpose);
        Span<byte> token = stackalloc byte[payloadLength + MacLength];
        token[0] = _current.Id;
        token[1] = (byte)((Version << 4) | (int)purpose);
        var lifetime = purpose == TokenPurpose.Confirm ? ConfirmLifetime : LinkLifetime;
        BinaryPrimitives.WriteUInt32BigEndian(token[2..], (uint)_time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds());
        if (Convert.FromHexString(subscriberId, token.Slice(6, 16), out _, out var written) != System.Buffers.OperationStatus.Done || written != 16)
        {
            throw new ArgumentException($"'{subscriberId}' is not a subscriber id.", nameof(subscriberId));
        }

        BinaryPrimitives.WriteUInt32BigEndian(token[22..], _hashes.TryGetValue(newsletterId, out var hash) ? hash : NewsletterHash(newsletterId));
        if (purpose == TokenPurpose.Confirm)
        {
            BinaryPrimitives.WriteUInt32BigEndian(token[BaseLength..], nonce);
        }

        Sign(_current.Key, token[..payloadLength], token[payloadLength..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The token's content when it is genuine, unexpired, for <paramref name="purpose"/> and a configured newsletter; otherwise null.</summary>
    public SubscriberToken? Verify(string? token, TokenPurpose purpose)
    {
        var payloadLength = PayloadLength(purpose);
        if (token is null || token.Length != Base64Url.GetEncodedLength(payloadLength + MacLength))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[payloadLength + MacLength];
        if (Base64Url.DecodeFromChars(token, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length || consumed != token.Length)
        {
            return null;
        }

        var payload = bytes[..payloadLength];
        Span<byte> expected = stackalloc byte[MacLength];
        var genuine = false;
        foreach (var (id, key) in _all)
        {
            if (id == payload[0])
            {
                Sign(key, payload, expected);
                genuine |= CryptographicOperations.FixedTimeEquals(expected, bytes[payloadLength..]);
            }
        }

        if (!genuine || payload[1] != (byte)((Version << 4) | (int)purpose)
            || DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(payload[2..])) < _time.GetUtcNow()
            || !_newsletters.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(payload[22..]), out var newsletterId))
        {
            return null;
        }

        var nonce = purpose == TokenPurpose.Confirm ? BinaryPrimitives.ReadUInt32BigEndian(payload[BaseLength..]) : 0;
        return new SubscriberToken(purpose, newsletterId, Convert.ToHexStringLower(payload.Slice(6, 16)), nonce);
    }

    private static int PayloadLength(TokenPurpose purpose) => purpose == TokenPurpose.Confirm ? BaseLength + NonceLength : BaseLength;

    private static (byte Id, byte[] Key) KeyOf(string key) => (KeyIdOf(key), Encoding.UTF8.GetBytes(key));

    private static uint NewsletterHash(string newsletterId) => BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(newsletterId)));

    private static void Sign(byte[] key, ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        t_macs ??= new Dictionary<byte[], IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (!t_macs.TryGetValue(key, out var hmac))
        {
            hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            t_macs[key] = hmac;
        }

        Span<byte> full = stackalloc byte[32];
        hmac.AppendData(payload);
        hmac.GetHashAndReset(full);
        full[..MacLength].CopyTo(mac);
    }
}
