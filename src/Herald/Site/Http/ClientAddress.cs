using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Http;

/// <summary>The client's address, for rate limits and the consent record's hash: the trusted proxy's header when one is configured, else the connection's.</summary>
public sealed class ClientAddress(IOptions<SiteOptions> options)
{
    public string Of(HttpContext context)
    {
        var header = options.Value.ClientIpHeader;
        if (!string.IsNullOrWhiteSpace(header) && context.Request.Headers[header].ToString() is { Length: > 0 } forwarded)
        {
            // "spoofed, client": a proxy appends the address it saw, so only the last entry is the trusted proxy's
            // word; anything before it is whatever the client sent.
            if (Parse(forwarded.Split(',')[^1].Trim()) is { } address)
            {
                return address.ToString();
            }
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
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
