using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Http;

/// <summary>
/// The client's address, for rate limits, the confirmation quota and the consent record's hash: the trusted proxy's
/// header when one is configured, else the connection's — in one canonical spelling, so that one client is one key.
/// An IPv4-mapped IPv6 address (::ffff:203.0.113.13, what a dual-stack socket reports) is the IPv4 address it maps;
/// an IPv6 address is its /64, because one subscriber line is routed a whole /64 and rotates through it at will.
/// </summary>
public sealed class ClientAddress(IOptions<SiteOptions> options)
{
    public string Of(HttpContext context) => Canonical(Read(context));

    /// <summary>"203.0.113.13" for itself and for ::ffff:203.0.113.13; "2001:db8:1:2::/64" for every address in that /64.</summary>
    public static string Canonical(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes).ToString() + "/64";
    }

    private System.Net.IPAddress? Read(HttpContext context)
    {
        var header = options.Value.ClientIpHeader;
        if (!string.IsNullOrWhiteSpace(header) && context.Request.Headers[header].ToString() is { Length: > 0 } forwarded)
        {
            // "spoofed, client": a proxy appends the address it saw, so only the last entry is the trusted proxy's
            // word; anything before it is whatever the client sent.
            if (Parse(forwarded.Split(',')[^1].Trim()) is { } address)
            {
                return address;
            }
        }

        return context.Connection.RemoteIpAddress;
    }

    /// <summary>"203.0.113.7", "203.0.113.7:51234", "2001:db8::1" or "[2001:db8::1]:51234".</summary>
    private static System.Net.IPAddress? Parse(string entry)
    {
        if (System.Net.IPAddress.TryParse(entry, out var plain))
        {
            return plain;
        }

        var host = entry.StartsWith('[') && entry.IndexOf(']', StringComparison.Ordinal) is > 0 and var end
            ? entry[1..end]
            : entry.LastIndexOf(':') is > 0 and var colon && entry.IndexOf(':', StringComparison.Ordinal) == colon ? entry[..colon] : entry;
        return System.Net.IPAddress.TryParse(host, out var address) ? address : null;
    }
}
