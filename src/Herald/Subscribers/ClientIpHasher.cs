using System.Security.Cryptography;
using System.Text;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// A keyed hash of a client's IP address for consent records: the same IP gives the same hash, so abuse can be
/// traced, but the IP itself cannot be read back (a plain hash of an IPv4 address is reversed by trying them all).
/// </summary>
public sealed class ClientIpHasher(IOptions<HeraldOptions> options)
{
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes("herald-ip-hash:" + options.Value.SigningKey));

    public string? Hash(string? ip) =>
        string.IsNullOrEmpty(ip) ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(ip)).AsSpan(0, 12));
}
