using System.Net;
using Herald.Collecting;
using Herald.Collecting.Fetching;
using Herald.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Collecting;

/// <summary>
/// The network guard over every special-purpose address class of the IANA registries that is not globally
/// reachable, in each form that reaches it (IPv4, mapped, compatible, NAT64, 6to4, Teredo): as a direct fetch, as a
/// redirect's target and as a DNS answer; ports other than 80 and 443; and an environment proxy that must not be used.
/// </summary>
public class NetworkGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Blocked() => new()
    {
        { "127.0.0.1", "loopback" },
        { "0.0.0.0", "this network" },
        { "10.1.2.3", "private" },
        { "172.16.0.1", "private" },
        { "172.31.255.254", "private" },
        { "192.168.1.1", "private" },
        { "100.64.0.1", "shared address space" },
        { "100.100.100.200", "Alibaba metadata" },
        { "169.254.169.254", "cloud metadata" },
        { "168.63.129.16", "Azure platform" },
        { "192.0.0.8", "IETF protocol assignments" },
        { "192.0.2.1", "documentation" },
        { "192.88.99.1", "6to4 relay anycast" },
        { "198.18.0.1", "benchmarking" },
        { "198.51.100.1", "documentation" },
        { "203.0.113.1", "documentation" },
        { "224.0.0.1", "multicast" },
        { "240.0.0.1", "reserved" },
        { "255.255.255.255", "broadcast" },
        { "::1", "IPv6 loopback" },
        { "::", "IPv6 unspecified" },
        { "::127.0.0.1", "IPv4-compatible loopback" },
        { "::10.0.0.1", "IPv4-compatible private" },
        { "::ffff:127.0.0.1", "IPv4-mapped loopback" },
        { "::ffff:169.254.169.254", "IPv4-mapped metadata" },
        { "64:ff9b::7f00:1", "NAT64 of loopback" },
        { "64:ff9b::a9fe:a9fe", "NAT64 of metadata" },
        { "64:ff9b:1::a00:1", "local-use NAT64" },
        { "2002:7f00:1::", "6to4 of loopback" },
        { "2002:a9fe:a9fe::1", "6to4 of metadata" },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo" },
        { "2001:2::1", "benchmarking" },
        { "2001:db8::1", "documentation" },
        { "3fff::1", "documentation" },
        { "100::1", "discard-only" },
        { "fc00::1", "unique local" },
        { "fd00:ec2::254", "AWS metadata" },
        { "fe80::1", "link-local" },
        { "fec0::1", "site-local" },
        { "ff02::1", "multicast" },
    };

    public static TheoryData<string> Public() =>
    [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1", "168.63.129.15", "169.253.0.1",
        "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:81c::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
    ];

    [Theory]
    [MemberData(nameof(Blocked))]
    public void A_special_purpose_address_is_not_public(string address, string why) =>
        Assert.False(NetworkGuard.IsPublic(IPAddress.Parse(address)), $"{address} ({why}) counted as public");

    [Theory]
    [MemberData(nameof(Public))]
    public void A_globally_reachable_address_is_public(string address) =>
        Assert.True(NetworkGuard.IsPublic(IPAddress.Parse(address)), $"{address} counted as private");

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_direct_fetch_of_a_special_purpose_address_is_refused_before_connecting(string address, string why)
    {
        using var services = Services();
        var url = new Uri($"http://{(address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address)}/feed.xml");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(url, 1024), Ct));

        Assert.Contains("private address", Describe(refused), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_redirect_to_a_special_purpose_address_is_refused_even_from_an_allowed_source(string address, string why)
    {
        await using var server = await TestWebServer.StartAsync();
        var target = $"http://{(address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address)}/internal.xml";
        server.Map("/moved.xml", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        });
        using var services = Services();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(server.Url("/moved.xml"), 1024, AllowPrivateHost: true, AllowOwnPort: true), Ct));

        Assert.Contains("private address", Describe(refused), StringComparison.Ordinal);
        Assert.Equal(1, server.RequestsTo("/moved.xml"));
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_host_whose_dns_answer_is_a_special_purpose_address_is_refused(string address, string why)
    {
        // The connect callback as the fetch clients use it, handed a DNS answer for an ordinary-looking name.
        using var handler = new SocketsHttpHandler { ConnectCallback = NetworkGuard.ConnectCallback(false, (_, _) => Task.FromResult(new[] { IPAddress.Parse(address) })), UseProxy = false };
        using var client = new HttpClient(handler);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://feeds.innocent.example/feed.xml", Ct));

        Assert.Contains("private address", refused.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public async Task Ports_other_than_80_and_443_are_refused_unless_the_sources_own_address_names_them()
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapText("/feed.xml", "application/rss+xml", "<rss/>");
        server.Map("/elsewhere.xml", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://8.8.8.8:25/";
            return Task.CompletedTask;
        });
        using var services = Services();
        var fetcher = services.GetRequiredService<WebFetcher>();

        var own = await fetcher.FetchAsync(new FetchRequest(server.Url("/feed.xml"), 1024, AllowPrivateHost: true, AllowOwnPort: true), Ct);
        var notOwn = await Assert.ThrowsAnyAsync<Exception>(() => fetcher.FetchAsync(new FetchRequest(server.Url("/feed.xml"), 1024, AllowPrivateHost: true), Ct));
        var smtp = await Assert.ThrowsAnyAsync<Exception>(() => fetcher.FetchAsync(new FetchRequest(new Uri("http://8.8.8.8:25/"), 1024), Ct));
        var redirected = await Assert.ThrowsAnyAsync<Exception>(() => fetcher.FetchAsync(new FetchRequest(server.Url("/elsewhere.xml"), 1024, AllowPrivateHost: true, AllowOwnPort: true), Ct));

        Assert.Equal("<rss/>", System.Text.Encoding.UTF8.GetString(own.Content));
        Assert.All([notOwn, smtp, redirected], e => Assert.Contains("ports 80 and 443", Describe(e), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proxy_in_the_environment_is_not_used_so_it_cannot_route_around_the_guard()
    {
        await using var proxy = await TestWebServer.StartAsync();
        await using var site = await TestWebServer.StartAsync();
        site.MapText("/page.html", "text/html", "<html><body><article><h1>Direct</h1><p>Read without a proxy.</p></article></body></html>");
        var page = Path.Combine(Path.GetTempPath(), "unused");

        var allowed = await HeraldProcess.RunAsync(["extract", site.Url("/page.html").AbsoluteUri, "--allow-private"], Proxy(proxy), TimeSpan.FromMinutes(1));
        var refused = await HeraldProcess.RunAsync(["extract", "http://[::ffff:127.0.0.1]/page.html"], Proxy(proxy), TimeSpan.FromMinutes(1));

        Assert.True(allowed.ExitCode == 0, allowed.Output + allowed.Errors);
        Assert.Equal(1, site.RequestsTo("/page.html"));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("private address", refused.Output + refused.Errors, StringComparison.Ordinal);
        Assert.Empty(proxy.Requests);
        Assert.False(File.Exists(page));
    }

    private static Dictionary<string, string?> Proxy(TestWebServer proxy) => new()
    {
        ["HTTP_PROXY"] = proxy.BaseUrl.AbsoluteUri,
        ["http_proxy"] = proxy.BaseUrl.AbsoluteUri,
        ["HTTPS_PROXY"] = proxy.BaseUrl.AbsoluteUri,
        ["ALL_PROXY"] = proxy.BaseUrl.AbsoluteUri,
        ["NO_PROXY"] = "",
    };

    /// <summary>The fetch clients as Herald registers them, without retries, and through <paramref name="proxy"/> when one is given.</summary>
    internal static ServiceProvider Services(string? proxy = null)
    {
        var services = new ServiceCollection();
        services.AddOptions<CollectingOptions>().Configure(o =>
        {
            o.Retries = 0;
            o.Proxy = proxy;
        });
        services.AddHeraldWebClients();
        return services.BuildServiceProvider();
    }

    private static string Describe(Exception exception)
    {
        var text = "";
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text += e.Message + " | ";
        }

        return text;
    }
}
