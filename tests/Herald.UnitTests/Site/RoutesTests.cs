using System.Text.Json;
using Herald.Configuration;
using Herald.Links;
using Herald.Testing;
using Microsoft.Extensions.Options;

namespace Herald.UnitTests.Site;

/// <summary>One spelling of every route: the host's prefix, the links in emails and the trigger attributes agree.</summary>
public class RoutesTests
{
    [Fact]
    public void The_route_prefix_is_the_one_host_json_gives_the_functions()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));

        Assert.Equal(Routes.Prefix, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Links_fill_in_and_escape_route_parameters()
    {
        var links = new SiteLinks(Options.Create(new HeraldOptions { PublicBaseUrl = "https://herald.example/" }));

        Assert.Equal("https://herald.example/api/archive/white-house-watch/2026-11-25-0600", links.Archive("white-house-watch", "2026-11-25-0600"));
        Assert.Equal("https://herald.example/api/subscribe/white-house-watch", links.SubscribePage("white-house-watch"));
        Assert.Equal("https://herald.example/api/unsubscribe?token=a%2Bb%2Fc%3D", links.Unsubscribe("a+b/c="));
        Assert.Equal("/api/subscribe/a%2Fb", Routes.PathOf(Routes.SubscribePage, ("newsletter", "a/b")));
    }
}
