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
    [InlineData("2001:db8::1", "2001:db8::/64")]
    [InlineData("[2001:db8::1]:443", "2001:db8::/64")]
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

    [Theory]
    [InlineData("::ffff:203.0.113.13", "203.0.113.13")] // what a dual-stack socket reports for an IPv4 client
    [InlineData("[::ffff:203.0.113.13]:443", "203.0.113.13")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")] // the same subscriber line, another address
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void One_client_is_one_key_the_IPv4_address_a_mapped_one_maps_and_an_IPv6_addresss_64(string forwarded, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = forwarded;

        Assert.Equal(expected, new ClientAddress(Options.Create(new SiteOptions { ClientIpHeader = "X-Forwarded-For" })).Of(context));
    }

    [Fact]
    public void A_connection_from_an_IPv4_mapped_address_is_keyed_as_its_IPv4_address()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:192.0.2.1");

        Assert.Equal("192.0.2.1", new ClientAddress(Options.Create(new SiteOptions())).Of(context));
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
