using System.Net;
using System.Text;

namespace Herald.Tests.Collecting;

/// <summary>Small feeds and pages written for the collecting tests.</summary>
public static class TestFeeds
{
    public sealed record Item(string Title, string Link, string Html, string? Categories = null, string Date = "Tue, 24 Nov 2026 14:05:00 -0500");

    public static string Rss(string title, params Item[] items)
    {
        var body = new StringBuilder();
        foreach (var item in items)
        {
            body.Append($"""
                <item>
                  <title>{WebUtility.HtmlEncode(item.Title)}</title>
                  <link>{WebUtility.HtmlEncode(item.Link)}</link>
                  <pubDate>{item.Date}</pubDate>
                  {string.Concat((item.Categories ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => $"<category>{c}</category>"))}
                  <description><![CDATA[{item.Html}]]></description>
                </item>
                """);
        }

        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>{title}</title><link>https://example.com/</link>
            {body}
            </channel></rss>
            """;
    }

    /// <summary>About 200 words of politics copy, numbered so that every story differs.</summary>
    public static string Story(int n, string topic = "the stopgap spending bill") =>
        string.Join(' ', Enumerable.Range(0, 8).Select(i =>
            $"Senators debated {topic} for the {Ordinal(i + 1)} time on day {n}, and committee {n * 10 + i} reported that talks on amendment {i} had moved forward while leaders counted votes."));

    public static string Page(string title, string paragraphs, string canonical = "", string noise = "") => $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>{{title}} | Example News</title>
        {{(canonical.Length > 0 ? $"<link rel=\"canonical\" href=\"{canonical}\">" : "")}}
        </head><body>
        <header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
        <div class="weather-widget">Washington 45°F Cloudy, wind 5 mph</div>
        <article><h1>{{title}}</h1>
        {{string.Concat(paragraphs.Split("\n\n").Select(p => $"<p>{p}</p>"))}}
        {{noise}}
        </article>
        <aside class="related"><h3>Latest News</h3><ul><li><a href="/a">Another story</a></li><li><a href="/b">And another</a></li></ul></aside>
        <footer>© 2026 Example News</footer>
        </body></html>
        """;

    private static string Ordinal(int n) => n switch { 1 => "first", 2 => "second", 3 => "third", _ => $"{n}th" };
}
