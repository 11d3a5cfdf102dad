using System.Text;
using Herald.Collecting;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// The small mistakes that used to cost a whole feed, and the reading a feed reader owes its user: links, dates and
/// titles as the feed meant them. Each case is one shape seen in real feeds, written here for the test.
/// </summary>
public class LiberalFeedTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static ParsedFeed Read(string feed) => FeedParser.Parse(Encoding.UTF8.GetBytes(feed), new Uri("https://feeds.example/feed.xml"));

    private static string Rss(string items, string head = "", string root = "rss version=\"2.0\"") =>
        $"{head}<{root}><channel><title>Wire</title><link>https://wire.example/</link>{items}</channel></{root.Split(' ')[0]}>";

    [Fact]
    public void Html_entities_anywhere_do_not_cost_the_feed()
    {
        var feed = Read(Rss("<item><title>Caf&eacute; owners&nbsp;meet &mdash; and agree</title><link>https://wire.example/1</link><description>&lt;p&gt;R&eacute;sum&eacute;&lt;/p&gt;</description></item>"));

        var item = Assert.Single(feed.Items);
        Assert.Equal("Café owners meet — and agree", item.Title);
        Assert.Contains("mended: 5 HTML entities", feed.Notes);
    }

    [Fact]
    public void A_raw_ampersand_in_a_link_or_a_title_is_read_as_one()
    {
        var item = Assert.Single(Read(Rss("<item><title>AT&T and Procter & Gamble report</title><link>https://wire.example/story?id=1&ref=rss</link></item>")).Items);

        Assert.Equal("AT&T and Procter & Gamble report", item.Title);
        Assert.Equal("https://wire.example/story?id=1&ref=rss", item.Link.AbsoluteUri);
    }

    [Theory]
    [InlineData("\n\n\n")]
    [InlineData("Warning: Cannot modify header information in /var/www/feed.php on line 3\n")]
    [InlineData("\uFEFF  \r\n")]
    public void Junk_before_the_declaration_is_cut(string junk)
    {
        var feed = Read(junk + "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + Rss("<item><title>One</title><link>https://wire.example/1</link></item>"));

        Assert.Single(feed.Items);
    }

    [Fact]
    public void An_old_netscape_doctype_is_dropped_and_a_doctype_with_a_subset_still_refused()
    {
        const string netscape = "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">";
        var feed = Read("<?xml version=\"1.0\"?>" + Rss("<item><title>Old</title><link>https://wire.example/old</link></item>", netscape, "rss version=\"0.91\""));

        Assert.Equal(("Rss_0_91", 1), (feed.Format, feed.Items.Count));
        var refused = Assert.Throws<FeedRejectedException>(() => Read("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"y\">]>" + Rss("<item><title>&x;</title></item>")));
        Assert.Contains("DTD", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_without_a_channel_and_rss_with_prefixed_names_read()
    {
        var bare = Read("<rss version=\"2.0\"><title>Bare</title><item><title>One</title><link>https://wire.example/1</link></item></rss>");
        var prefixed = Read("<r:rss xmlns:r=\"http://backend.userland.com/rss2\" version=\"2.0\"><r:channel><r:title>P</r:title><r:item><r:title>Two</r:title><r:link>https://wire.example/2</r:link><r:pubDate>Tue, 24 Nov 2026 12:00:00 GMT</r:pubDate></r:item></r:channel></r:rss>");

        Assert.Equal("One", Assert.Single(bare.Items).Title);
        Assert.Equal(("Two", Noon), (Assert.Single(prefixed.Items).Title, prefixed.Items[0].PublishedAt));
    }

    [Fact]
    public void Every_item_is_dated_from_whichever_element_its_feed_used()
    {
        var rss = Read(Rss(
            "<item><title>dc</title><link>https://wire.example/1</link><dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">2026-11-24T12:00:00Z</dc:date></item>" +
            "<item><title>dcterms</title><link>https://wire.example/2</link><dcterms:modified xmlns:dcterms=\"http://purl.org/dc/terms/\">2026-11-24T07:00:00-05:00</dcterms:modified></item>" +
            "<item><title>none</title><link>https://wire.example/3</link></item>"));
        var atom = Read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
              <entry><title>updated only</title><link href="https://wire.example/4"/><id>urn:4</id><updated>2026-11-24T12:00:00Z</updated></entry>
              <entry><title>both</title><link href="https://wire.example/5"/><id>urn:5</id><published>2026-11-24T12:00:00Z</published><updated>2026-11-25T09:00:00Z</updated></entry>
            </feed>
            """);

        Assert.Equal([Noon, Noon, null], rss.Items.Select(i => i.PublishedAt));
        Assert.Equal([Noon, Noon], atom.Items.Select(i => i.PublishedAt));
    }

    [Fact]
    public void The_article_link_is_the_alternate_never_self_enclosure_or_related_and_a_guid_only_when_a_permalink()
    {
        var atom = Read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link rel="self" href="https://feeds.example/feed.xml"/>
              <entry><title>alternate</title><id>urn:1</id><link rel="related" href="https://other.example/x"/><link rel="self" href="https://wire.example/api/1"/><link rel="alternate" type="text/html" href="https://wire.example/1"/></entry>
              <entry><title>no rel</title><id>urn:2</id><link rel="enclosure" href="https://wire.example/2.mp3"/><link href="/2"/></entry>
              <entry><title>only self</title><id>https://wire.example/3</id><link rel="self" href="https://wire.example/api/3"/></entry>
            </feed>
            """);
        var rss = Read(Rss(
            "<item><title>permalink guid</title><guid>https://wire.example/4</guid></item>" +
            "<item><title>id guid</title><guid isPermaLink=\"false\">https://wire.example/?p=5</guid></item>" +
            "<item><title>original</title><link>https://feedproxy.example/~r/wire/6</link><feedburner:origLink xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\">https://wire.example/6</feedburner:origLink></item>"));

        Assert.Equal(["https://wire.example/1", "https://feeds.example/2"], atom.Items.Select(i => i.Link.AbsoluteUri));
        Assert.Equal(["https://wire.example/4", "https://wire.example/6"], rss.Items.Select(i => i.Link.AbsoluteUri));
        Assert.Contains("an item with no link to its article, in a feed that names no site, was left out", atom.Notes);
        Assert.Contains("an item with no link to its article and no text was left out", rss.Notes);
    }

    [Fact]
    public void An_item_with_no_link_but_text_of_its_own_points_to_the_feeds_site_each_with_an_identity_of_its_own()
    {
        var rss = Read(Rss(
            "<item><title>Morning note</title><guid isPermaLink=\"false\">note-17</guid><description>&lt;p&gt;The whole note.&lt;/p&gt;</description></item>" +
            "<item><title>Evening note</title><guid isPermaLink=\"false\">note-18</guid><description>&lt;p&gt;Another note.&lt;/p&gt;</description></item>" +
            "<item><title>No guid</title><description>Text only.</description></item>"));
        var atom = Read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://wire.example/blog/"/>
              <entry><title>only self</title><id>urn:uuid:1</id><link rel="self" href="https://wire.example/api/1"/><content type="html">&lt;p&gt;All of it.&lt;/p&gt;</content></entry>
            </feed>
            """);
        var json = FeedParser.Parse("""{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://wire.example/","items":[{"id":"j-1","title":"Linkless","content_text":"All of it."},{"id":"j-2","title":"Bare"}]}""", new Uri("https://feeds.example/feed.json"));

        Assert.All(rss.Items.Concat(atom.Items).Concat(json.Items), i => Assert.True(i.LinkIsSite));
        Assert.Equal(["https://wire.example/", "https://wire.example/", "https://wire.example/"], rss.Items.Select(i => i.Link.AbsoluteUri));
        Assert.Equal(3, rss.Items.Select(i => i.Identity).Distinct().Count());
        Assert.All(rss.Items, i => Assert.StartsWith("https://wire.example/#item-", i.Identity, StringComparison.Ordinal));
        Assert.Equal(rss.Items[0].Identity, Read(Rss("<item><title>Retitled</title><guid isPermaLink=\"false\">note-17</guid><description>Edited.</description></item>")).Items[0].Identity);
        Assert.Equal("https://wire.example/blog/", Assert.Single(atom.Items).Link.AbsoluteUri);
        Assert.Equal("Linkless", Assert.Single(json.Items).Title);
        Assert.Contains("an item with no link to its article and no text was left out", json.Notes);
    }

    [Fact]
    public void Titles_are_text_base64_and_escaped_html_decoded_and_no_script_inside()
    {
        var atom = Read("""
            <feed xmlns="http://purl.org/atom/ns#" version="0.3"><title>Old Atom</title>
              <entry><title mode="base64" type="text/plain">U2VuYXRlIHBhc3NlcyBiaWxs</title><link rel="alternate" type="text/html" href="https://wire.example/1"/><issued>2026-11-24T12:00:00Z</issued></entry>
              <entry><title mode="escaped" type="text/html">&lt;b&gt;Bold&lt;/b&gt; move</title><link rel="alternate" href="https://wire.example/2"/></entry>
            </feed>
            """);
        var rss = Read(Rss("<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Budget vote&lt;style&gt;b{}&lt;/style&gt;</title><link>https://wire.example/3</link></item>"));
        var atom1 = Read("""<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">1 &lt; 2 &amp; 3</title><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <em>xhtml</em> title</div></title><link href="https://wire.example/4"/></entry></feed>""");

        Assert.Equal(("Atom_0_3", "Senate passes bill", Noon), (atom.Format, atom.Items[0].Title, atom.Items[0].PublishedAt));
        Assert.Equal("Bold move", atom.Items[1].Title);
        Assert.Equal("Budget vote", Assert.Single(rss.Items).Title);
        Assert.Equal(("1 < 2 & 3", "An xhtml title"), (atom1.Title, Assert.Single(atom1.Items).Title));
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><item><title>x</item></channel></rss>")]
    [InlineData("<html><body><p>Not a feed</p></body></html>")]
    [InlineData("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":{}}")]
    [InlineData("{\"items\": [ {\"url\": 5} ]")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("")]
    public void Every_failure_is_a_reason_never_a_library_exception(string content)
    {
        var error = Record.Exception(() => FeedParser.Parse(Encoding.UTF8.GetBytes(content), null));

        Assert.IsType<FeedRejectedException>(error);
        Assert.DoesNotContain("Object reference", error.Message, StringComparison.Ordinal);
    }
}
