using System.Text;
using Herald.Collecting;
using Herald.Testing;
using Herald.Text;

namespace Herald.UnitTests.Collecting;

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

    [Fact]
    public void Reads_rss_1_0_rdf()
    {
        const string rdf = """
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://statehouse.example/"><title>Statehouse Notes</title><link>https://statehouse.example/</link><description>Notes</description></channel>
              <item rdf:about="https://statehouse.example/notes/1">
                <title>Assembly passes budget</title><link>https://statehouse.example/notes/1</link>
                <description>The assembly passed the budget.</description><dc:date>2026-11-24T10:00:00Z</dc:date><dc:subject>State Politics</dc:subject>
              </item>
            </rdf:RDF>
            """;

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(rdf), null);

        Assert.Equal("Rss_1_0", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal(("Assembly passes budget", "https://statehouse.example/notes/1"), (item.Title, item.Link.AbsoluteUri));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public void Survives_entities_cdata_html_in_titles_and_missing_dates()
    {
        const string rss = """
            <rss version="2.0"><channel><title>Messy &amp;amp; Co</title><link>https://messy.example/</link>
              <item>
                <title>&lt;b&gt;Senate&lt;/b&gt; &amp;amp; House agree</title>
                <link>/2026/story?utm_source=rss</link>
                <description>&lt;p&gt;Leaders &amp;amp; staff agreed.&lt;/p&gt;</description>
              </item>
              <item>
                <title><![CDATA[Budget <i>deal</i> reached]]></title>
                <link>https://messy.example/deal</link>
                <pubDate>not a date</pubDate>
                <description><![CDATA[<p>The deal was reached.</p><script>alert(1)</script>]]></description>
              </item>
            </channel></rss>
            """;

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), new Uri("https://messy.example/feed.xml"));

        Assert.Equal("Messy & Co", feed.Title);
        Assert.Equal("Senate & House agree", feed.Items[0].Title);
        Assert.Equal("https://messy.example/2026/story?utm_source=rss", feed.Items[0].Link.AbsoluteUri);
        Assert.Null(feed.Items[0].PublishedAt);
        Assert.Equal("Leaders & staff agreed.", HtmlText.ToText(feed.Items[0].SummaryHtml));
        Assert.Equal("Budget deal reached", feed.Items[1].Title);
        Assert.Null(feed.Items[1].PublishedAt);
        Assert.Equal("The deal was reached.", HtmlText.ToText(feed.Items[1].SummaryHtml));
    }

    [Fact]
    public void Reads_at_most_the_item_limit()
    {
        var items = string.Concat(Enumerable.Range(0, 50).Select(i => $"<item><title>T{i}</title><link>https://a.example/{i}</link></item>"));

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>Big</title>{items}</channel></rss>"), null, maxItems: 10);

        Assert.Equal(10, feed.Items.Count);
    }

    [Theory]
    [InlineData("https://Example.COM:443/Politics/Story/?utm_source=x&id=7&fbclid=abc#comments", "https://example.com/Politics/Story?id=7")]
    [InlineData("http://example.com/", "http://example.com/")]
    [InlineData("https://example.com/a/?gclid=1&utm_medium=social", "https://example.com/a")]
    public void Canonical_addresses_drop_tracking_and_cosmetics(string url, string canonical)
    {
        Assert.Equal(canonical, CanonicalUrl.Normalize(new Uri(url)));
    }
}
