using System.Net;
using Herald.Site;
using Herald.Site.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.UnitTests.Site;

/// <summary>Which address the rate limits and consent hashes see behind a proxy: the one the proxy appended, never the client's own claim.</summary>
public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]
    [InlineData("6.6.6.6, 203.0.113.7:51234", "203.0.113.7")] // the client sent "6.6.6.6"; the proxy appended what it saw
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("not an address", "192.0.2.1")]
    [InlineData("203.0.113.7, not an address", "192.0.2.1")]
    public void The_address_the_proxy_appended_counts(string forwarded, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        context.Request.Headers["X-Forwarded-For"] = forwarded;

        var address = new ClientAddress(Options.Create(new SiteOptions { ClientIpHeader = "X-Forwarded-For" })).Of(context);

        Assert.Equal(expected, address);
    }

    [Fact]
    public void Without_a_configured_header_the_connections_address_counts_whatever_the_client_sends()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";

        Assert.Equal("192.0.2.1", new ClientAddress(Options.Create(new SiteOptions())).Of(context));
    }
}
