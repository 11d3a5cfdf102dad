using System.Diagnostics;
using Herald.Collecting;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// XML from outside goes through one reader that refuses DTDs, whatever the feed puts before its first tag: the
/// leading characters that once got a billion-laughs feed past the check to the feed library now change nothing.
/// </summary>
public class XmlGuardTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Leads()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, lead) in new[] { ("none", ""), ("file separator", "\u001C"), ("form feed", "\f"), ("vertical tab", "\v"), ("NUL", "\0"), ("no-break space", "\u00A0"), ("ideographic space", "\u3000"), ("BOM", "\uFEFF"), ("blank lines", "\r\n\r\n \t"), ("mixed", "\uFEFF\0\u3000\f") })
        {
            data.Add(name, lead);
        }

        return data;
    }

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://example.com/x</link></item></channel></rss>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
        <rss version="2.0"><channel><title>&secret;</title><item><title>&secret;</title><link>https://example.com/x</link></item></channel></rss>
        """;

    [Theory]
    [MemberData(nameof(Leads))]
    public void A_billion_laughs_feed_is_refused_for_its_DTD_whatever_comes_first(string name, string lead)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<FeedRejectedException>(() => FeedParser.Parse(lead + BillionLaughs, new Uri("https://feeds.example/laughs.xml")));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine($"{name}: refused in {clock.Elapsed.TotalMilliseconds:0.00} ms, {allocated / 1024.0:0} KB allocated");

        Assert.Equal("the feed declares a DTD; Herald refuses DTDs and entity declarations.", refused.Message);

        // The time is printed, not asserted (tests never assert wall-clock time); what makes it fast is that no entity
        // is expanded, and that is deterministic: expanding &lol9; even once allocates 2 GB, the old 10-million-
        // character cap 20 MB. The refusal reads a few kilobytes.
        Assert.True(allocated < 1024 * 1024, $"{allocated:N0} bytes allocated: something expanded the entities");
    }

    [Theory]
    [MemberData(nameof(Leads))]
    public void An_external_entity_feed_is_refused_for_its_DTD_whatever_comes_first(string name, string lead)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<FeedRejectedException>(() => FeedParser.Parse(lead + ExternalEntity, new Uri("https://feeds.example/xxe.xml")));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine($"{name}: refused in {clock.Elapsed.TotalMilliseconds:0.00} ms, {allocated / 1024.0:0} KB allocated");

        Assert.True(allocated < 1024 * 1024, $"{allocated:N0} bytes allocated");

        Assert.Contains("DTD", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Leads))]
    public void A_harmless_feed_behind_the_same_characters_is_read(string name, string lead)
    {
        var rss = lead + "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><item><title>Senate &amp; House agree</title><link>https://example.com/a</link></item></channel></rss>";
        var json = lead + "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Wire\",\"items\":[{\"id\":\"1\",\"url\":\"https://example.com/b\",\"title\":\"Budget\"}]}";

        var fromXml = FeedParser.Parse(rss, new Uri("https://feeds.example/rss.xml"));
        var fromJson = FeedParser.Parse(json, new Uri("https://feeds.example/feed.json"));

        Assert.Equal("Senate & House agree", Assert.Single(fromXml.Items).Title);
        Assert.Equal("Budget", Assert.Single(fromJson.Items).Title);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Something_neither_json_nor_xml_is_refused_with_a_reason()
    {
        var refused = Assert.Throws<FeedRejectedException>(() => FeedParser.Parse("\u001Cnot a feed at all", null));

        Assert.StartsWith("not a feed (neither JSON nor XML)", refused.Message, StringComparison.Ordinal);
    }
}
