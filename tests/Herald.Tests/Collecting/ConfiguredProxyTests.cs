using System.Net;
using System.Text;
using Herald.Collecting.Fetching;
using Herald.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Collecting;

/// <summary>
/// A proxy the operator configured for Herald (Collecting:Proxy) connects on Herald's behalf, where the connect-time
/// guard cannot see the target. The proxy here is a real HTTP server on 127.0.0.1 that answers the absolute-form
/// requests a client sends a forward proxy; the targets are public addresses written out, so nothing leaves the machine.
/// </summary>
public class ConfiguredProxyTests
{
    private const string PublicTarget = "http://93.184.216.34";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fetch_of_a_public_address_goes_through_the_configured_proxy()
    {
        await using var proxy = await TestWebServer.StartAsync();
        string? host = null;
        proxy.Map("/feed.xml", context =>
        {
            host = context.Request.Host.Value;
            context.Response.ContentType = "application/rss+xml";
            return context.Response.WriteAsync("<rss/>", Ct);
        });
        using var services = Services(proxy.BaseUrl.AbsoluteUri);

        var fetched = await services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(new Uri($"{PublicTarget}/feed.xml"), 1024), Ct);

        Assert.Equal("<rss/>", Encoding.UTF8.GetString(fetched.Content));
        Assert.Equal(1, proxy.RequestsTo("/feed.xml"));
        Assert.Equal("93.184.216.34", host);
    }

    [Fact]
    public async Task The_credentials_in_the_proxy_address_answer_the_proxys_challenge()
    {
        await using var proxy = await TestWebServer.StartAsync();
        var seen = new List<string>();
        proxy.Map("/feed.xml", context =>
        {
            var authorization = context.Request.Headers["Proxy-Authorization"].ToString();
            seen.Add(authorization);
            if (authorization.Length == 0)
            {
                context.Response.StatusCode = 407;
                context.Response.Headers["Proxy-Authenticate"] = "Basic realm=\"corp\"";
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("<rss/>", Ct);
        });
        using var services = Services($"http://herald:p%40ss@127.0.0.1:{proxy.BaseUrl.Port}");

        var fetched = await services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(new Uri($"{PublicTarget}/feed.xml"), 1024), Ct);

        Assert.Equal("<rss/>", Encoding.UTF8.GetString(fetched.Content));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("herald:p@ss")), seen[^1]);
    }

    [Theory]
    [MemberData(nameof(NetworkGuardTests.Blocked), MemberType = typeof(NetworkGuardTests))]
    public async Task A_special_purpose_address_is_never_handed_to_the_proxy(string address, string why)
    {
        await using var proxy = await TestWebServer.StartAsync();
        using var services = Services(proxy.BaseUrl.AbsoluteUri);
        var url = new Uri($"http://{(address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address)}/feed.xml");

        var refused = await Assert.ThrowsAsync<FetchFailedException>(() => services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(url, 1024), Ct));

        Assert.Contains("private address", refused.Message, StringComparison.Ordinal);
        Assert.Empty(proxy.Requests);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Theory]
    [MemberData(nameof(NetworkGuardTests.Blocked), MemberType = typeof(NetworkGuardTests))]
    public async Task A_name_whose_dns_answer_is_a_special_purpose_address_is_judged_before_the_proxy_sees_it(string address, string why)
    {
        var problem = await NetworkGuard.ProxiedTargetProblemAsync(new Uri("http://feeds.innocent.example/feed.xml"), allowPrivate: false, Ct, (_, _) => Task.FromResult(new[] { IPAddress.Parse("8.8.8.8"), IPAddress.Parse(address) }));

        Assert.NotNull(problem);
        Assert.Contains("private address", problem, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public async Task Names_that_resolve_here_to_loopback_or_not_at_all_are_refused_before_the_proxy()
    {
        await using var proxy = await TestWebServer.StartAsync();
        using var services = Services(proxy.BaseUrl.AbsoluteUri);
        var fetcher = services.GetRequiredService<WebFetcher>();

        var loopback = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(new FetchRequest(new Uri("http://localhost/feed.xml"), 1024), Ct));
        var unknown = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(new FetchRequest(new Uri("http://feeds.nowhere.invalid/feed.xml"), 1024), Ct));

        Assert.Contains("private address", loopback.Message, StringComparison.Ordinal);
        Assert.Contains("does not resolve here", unknown.Message, StringComparison.Ordinal);
        Assert.Empty(proxy.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1/internal.xml", "private address")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/", "private address")]
    [InlineData("http://localhost/internal.xml", "private address")]
    [InlineData("http://93.184.216.34:6379/", "ports 80 and 443")]
    public async Task A_redirect_through_the_proxy_is_judged_like_the_first_request(string target, string expected)
    {
        await using var proxy = await TestWebServer.StartAsync();
        proxy.Map("/moved.xml", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        });
        using var services = Services(proxy.BaseUrl.AbsoluteUri);

        var refused = await Assert.ThrowsAsync<FetchFailedException>(() => services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(new Uri($"{PublicTarget}/moved.xml"), 1024), Ct));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(proxy.Requests).Value);
    }

    [Fact]
    public async Task Ports_other_than_80_and_443_are_refused_before_the_proxy()
    {
        await using var proxy = await TestWebServer.StartAsync();
        using var services = Services(proxy.BaseUrl.AbsoluteUri);

        var refused = await Assert.ThrowsAsync<FetchFailedException>(() => services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(new Uri("http://93.184.216.34:25/"), 1024), Ct));

        Assert.Contains("ports 80 and 443", refused.Message, StringComparison.Ordinal);
        Assert.Empty(proxy.Requests);
    }

    private static ServiceProvider Services(string proxy) => NetworkGuardTests.Services(proxy);
}
