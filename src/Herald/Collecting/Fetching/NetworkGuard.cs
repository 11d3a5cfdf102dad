using System.Net;
using System.Net.Sockets;

namespace Herald.Collecting.Fetching;

/// <summary>
/// Server-side request forgery guard: Herald connects only to globally reachable addresses, on ports 80 and 443,
/// unless a source explicitly allows its own host to be private (AllowPrivateNetwork) or its own address names
/// another port. The check runs when the socket connects, on the addresses DNS actually returned, so neither a
/// redirect nor a DNS answer that changes between check and use can reach an internal service. No proxy from the
/// environment is used, so nothing routes a fetch around it; a proxy the operator configured for Herald connects on
/// Herald's behalf, so there the target is resolved and judged before the request leaves (<see cref="ProxiedTargetProblemAsync"/>).
/// </summary>
public static class NetworkGuard
{
    /// <summary>The port, other than 80 and 443, that the request's own source address names (set by <see cref="WebFetcher"/>).</summary>
    public static readonly HttpRequestOptionsKey<int> AllowedPort = new("Herald.AllowedPort");

    /// <summary>
    /// IPv4 ranges of the IANA special-purpose address registry that are not globally reachable (and the reserved and
    /// multicast space), plus cloud platform addresses: link-local holds 169.254.169.254 (AWS, Azure, GCP metadata),
    /// 168.63.129.16 is Azure's platform endpoint, 100.100.100.200 (Alibaba metadata) is in shared address space.
    /// </summary>
    private static readonly (uint Network, int Bits)[] BlockedV4 =
    [
        (V4(0, 0, 0, 0), 8), // "this network"
        (V4(10, 0, 0, 0), 8), // private
        (V4(100, 64, 0, 0), 10), // shared address space (carrier-grade NAT)
        (V4(127, 0, 0, 0), 8), // loopback
        (V4(169, 254, 0, 0), 16), // link-local, cloud metadata
        (V4(172, 16, 0, 0), 12), // private
        (V4(192, 0, 0, 0), 24), // IETF protocol assignments
        (V4(192, 0, 2, 0), 24), // documentation (TEST-NET-1)
        (V4(192, 88, 99, 0), 24), // 6to4 relay anycast (deprecated)
        (V4(192, 168, 0, 0), 16), // private
        (V4(198, 18, 0, 0), 15), // benchmarking
        (V4(198, 51, 100, 0), 24), // documentation (TEST-NET-2)
        (V4(203, 0, 113, 0), 24), // documentation (TEST-NET-3)
        (V4(224, 0, 0, 0), 4), // multicast
        (V4(240, 0, 0, 0), 4), // reserved, and the limited broadcast address
        (V4(168, 63, 129, 16), 32), // Azure platform (wire server, DNS, health probes)
    ];

    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var value = (uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(address.GetAddressBytes()));
            return !BlockedV4.Any(range => (value & Mask(range.Bits)) == range.Network);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var b = address.GetAddressBytes();

        // Forms that carry an IPv4 address: judged by it. ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64, which
        // a translator turns into a connection to a.b.c.d).
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (Prefix(b, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsPublic(new IPAddress(b[12..]));
        }

        // Only global unicast (2000::/3) is reachable on the internet; everything else - ::/96 IPv4-compatible, ::1,
        // ::, 64:ff9b:1::/48 local NAT64, 100::/64 discard, fc00::/7 unique local (fd00:ec2::254 is AWS metadata),
        // fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast - is not.
        if ((b[0] & 0xE0) != 0x20)
        {
            return false;
        }

        // Within 2000::/3: 2001::/23 (IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID), 2001:db8::/32
        // and 3fff::/20 (documentation), 2002::/16 (6to4: the IPv4 address inside may be anyone's, private included).
        var first = (b[0] << 8) | b[1];
        return !((first == 0x2001 && b[2] < 0x02)
            || (first == 0x2001 && b[2] == 0x0d && b[3] == 0xb8)
            || first == 0x2002
            || (first == 0x3fff && b[2] < 0x10));
    }

    /// <summary>True for the ports Herald reads the web on, or the one the request's own source names.</summary>
    public static bool IsAllowedPort(int port, int? allowed) => port is 80 or 443 || port == allowed;

    /// <summary>
    /// A SocketsHttpHandler connect callback that refuses non-public addresses (unless <paramref name="allowPrivate"/>)
    /// and other ports, on the addresses <paramref name="resolve"/> (DNS unless a test gives its own answers) returns.
    /// The configured <paramref name="proxy"/>, if any, is the one endpoint reached whatever its address and port.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowPrivate, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null, DnsEndPoint? proxy = null) =>
        async (context, cancellationToken) =>
        {
            var port = context.DnsEndPoint.Port;
            if (proxy is not null && port == proxy.Port && string.Equals(context.DnsEndPoint.Host, proxy.Host, StringComparison.OrdinalIgnoreCase))
            {
                return await ConnectAsync(await (resolve ?? Dns.GetHostAddressesAsync)(proxy.Host, cancellationToken), port, cancellationToken);
            }

            var allowed = context.InitialRequestMessage.Options.TryGetValue(AllowedPort, out var named) ? named : (int?)null;
            if (!IsAllowedPort(port, allowed))
            {
                throw new HttpRequestException($"refused to connect to {context.DnsEndPoint.Host}:{port}: Herald reads the web on ports 80 and 443 (a source's own address may name another).");
            }

            var addresses = await (resolve ?? Dns.GetHostAddressesAsync)(context.DnsEndPoint.Host, cancellationToken);
            var usable = allowPrivate ? addresses : [.. addresses.Where(IsPublic)];
            if (usable.Length == 0)
            {
                throw new HttpRequestException($"refused to connect to {context.DnsEndPoint.Host}: it resolves to a private address (loopback, link-local, a private network or another special-purpose range); an intranet feed is read when its source sets AllowPrivateNetwork: true.");
            }

            return await ConnectAsync(usable, port, cancellationToken);
        };

    /// <summary>
    /// Why a request for <paramref name="url"/> must not go to the configured proxy, or null when it may: the proxy
    /// resolves and connects for Herald, so Herald resolves the name first and every address must be public (unless
    /// <paramref name="allowPrivate"/>). A name that does not resolve here is refused too: the proxy could resolve it
    /// differently.
    /// </summary>
    public static async Task<string?> ProxiedTargetProblemAsync(Uri url, bool allowPrivate, CancellationToken cancellationToken, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.DnsSafeHost, out var literal) ? [literal] : await (resolve ?? Dns.GetHostAddressesAsync)(url.DnsSafeHost, cancellationToken);
        }
        catch (SocketException e)
        {
            return $"refused {url.Host}: it does not resolve here ({e.SocketErrorCode}), and the proxy is only given names Herald has checked.";
        }

        if (addresses.Length == 0)
        {
            return $"refused {url.Host}: it does not resolve here, and the proxy is only given names Herald has checked.";
        }

        return allowPrivate || addresses.All(IsPublic)
            ? null
            : $"refused {url.Host}: it resolves to a private address (loopback, link-local, a private network or another special-purpose range); allow it on the source to read it anyway.";
    }

    private static async Task<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    private static uint Mask(int bits) => bits == 0 ? 0 : uint.MaxValue << (32 - bits);

    private static bool Prefix(byte[] bytes, byte[] prefix) => bytes.AsSpan(0, prefix.Length).SequenceEqual(prefix);
}
