using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site;

/// <summary>The client's address, for rate limits and the consent record's hash: the trusted proxy's header when one is configured, else the connection's.</summary>
public sealed class ClientAddress(IOptions<SiteOptions> options)
{
    public string Of(HttpContext context)
    {
        var header = options.Value.ClientIpHeader;
        if (!string.IsNullOrWhiteSpace(header) && context.Request.Headers[header].ToString() is { Length: > 0 } forwarded)
        {
            // "client, proxy1, proxy2": the first entry is the client as the first trusted proxy saw it.
            var first = forwarded.Split(',')[0].Trim();
            if (System.Net.IPAddress.TryParse(first.Split(':') is { Length: 2 } hostPort ? hostPort[0] : first, out var address))
            {
                return address.ToString();
            }
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
