using System.Text;
using Herald.Collecting;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Collecting;

public class FeedParserTests
{
    [Theory]
    [InlineData("capitol-wire.rss", "Rss_2_0", 5)]
    [InlineData("policy-desk.atom", "Atom", 6)]
    [InlineData("beltway-brief.json", "JsonFeed", 5)]
    public void Reads_every_sample_format(string file, string format, int items)
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(RepositoryPaths.SampleFeed(file)), null);

        Assert.Equal(format, feed.Format);
        Assert.Equal(items, feed.Items.Count);
        Assert.All(feed.Items, item =>
        {
            Assert.True(item.Link.IsAbsoluteUri);
            Assert.StartsWith("https://", item.Link.AbsoluteUri, StringComparison.Ordinal);
            Assert.NotEmpty(item.Title);
            Assert.NotNull(item.PublishedAt);
            Assert.NotNull(item.ContentHtml);
        });
    }

    [Fact]
    public void Keeps_the_offset_of_rss_dates()
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(RepositoryPaths.SampleFeed("capitol-wire.rss")), null);

        // "Tue, 24 Nov 2026 14:05:00 -0500" is 19:05 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 19, 5, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
    }

    [Fact]
    public void Resolves_atom_links_against_the_feed_address()
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(RepositoryPaths.SampleFeed("policy-desk.atom")), null);

        Assert.Equal("https://policydesk.example/2026/11/24/senate-confirmation", feed.Items[0].Link.AbsoluteUri);
    }

    [Fact]
    public void Refuses_a_feed_that_declares_entities()
    {
        const string laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <rss version="2.0"><channel><title>&lol2;</title></channel></rss>
            """;

        var error = Assert.Throws<FeedRejectedException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(laughs), null));
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_something_that_is_not_a_feed()
    {
        Assert.Throws<FeedRejectedException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes("<html><body>hello</body></html>"), null));
        Assert.Throws<FeedRejectedException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel>"), null));
    }
}
