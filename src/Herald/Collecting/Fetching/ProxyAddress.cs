using System.Net;

namespace Herald.Collecting.Fetching;

/// <summary>The proxy an operator configured for Herald's fetches (Collecting:Proxy): checked at start, turned into a <see cref="WebProxy"/>.</summary>
public static class ProxyAddress
{
    /// <summary>Why <paramref name="value"/> cannot be a proxy address, or null when it can. Never repeats the value: it may hold a password.</summary>
    public static string? Problem(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return "not an http:// proxy address (such as http://proxy.example:3128).";
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return "a proxy address is a scheme, host and port only, with no path, query or fragment.";
        }

        return null;
    }

    /// <summary>The proxy for <paramref name="value"/>, its credentials taken from the address's user information.</summary>
    public static WebProxy Create(string value)
    {
        var uri = new Uri(value);
        var proxy = new WebProxy(new UriBuilder(uri) { UserName = "", Password = "" }.Uri) { BypassProxyOnLocal = false, UseDefaultCredentials = false };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            proxy.Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }

        return proxy;
    }

    /// <summary>The host and port the proxy listens on, which the connect guard lets Herald reach whatever its address.</summary>
    public static DnsEndPoint EndPoint(string value)
    {
        var uri = new Uri(value);
        return new DnsEndPoint(uri.IdnHost, uri.Port);
    }
}
