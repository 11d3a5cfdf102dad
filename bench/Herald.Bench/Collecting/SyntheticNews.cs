using System.Globalization;
using System.Text;

namespace Herald.Bench.Collecting;

/// <summary>
/// Deterministic made-up news for the collect benchmark: every article has its own words (so none is a
/// near-duplicate of another), a teaser in the feed, and a full page wrapped in the usual boilerplate.
/// </summary>
public static class SyntheticNews
{
    private static readonly string[] Subjects = ["The Senate", "House leaders", "The governor", "A federal judge", "The committee", "State officials", "The White House", "Negotiators", "The agency", "City council members"];
    private static readonly string[] Verbs = ["approved", "rejected", "debated", "delayed", "expanded", "questioned", "announced", "revised", "blocked", "endorsed"];
    private static readonly string[] Objects = ["a spending plan", "new tariffs", "the budget", "a housing bill", "border funding", "the farm bill", "a tax credit", "rail grants", "school funding", "water rules"];
    private static readonly string[] Tails = ["after weeks of talks", "on a narrow vote", "despite objections", "ahead of the deadline", "in a late session", "under pressure from donors", "with bipartisan support", "amid protests", "after a court ruling", "before the recess"];

    public static string Feed(int feed, int items, Uri server)
    {
        var body = new StringBuilder();
        for (var i = 0; i < items; i++)
        {
            var link = new Uri(server, $"news/{feed}/{i}").AbsoluteUri;
            body.Append(CultureInfo.InvariantCulture, $"<item><title>{Title(feed, i)}</title><link>{link}</link><guid>{link}</guid>")
                .Append(CultureInfo.InvariantCulture, $"<pubDate>{new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).AddMinutes(-i):R}</pubDate>")
                .Append("<category>US Politics</category>")
                .Append(CultureInfo.InvariantCulture, $"<description><![CDATA[<p>{Sentence(feed, i, 0)}</p>]]></description></item>");
        }

        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title><link>{server}</link>{body}</channel></rss>";
    }

    public static string Page(int feed, int item) => $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>{{Title(feed, item)}} | Bench News</title>
        <link rel="canonical" href="/news/{{feed}}/{{item}}?utm_source=bench"></head><body>
        <header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
        <div class="weather-widget">Washington 45°F Cloudy, wind 5 mph</div>
        <article><h1>{{Title(feed, item)}}</h1><p class="byline">By Bench Reporter</p>
        {{string.Concat(Enumerable.Range(0, 12).Select(p => $"<p>{Sentence(feed, item, p)} {Sentence(feed, item, p + 100)}</p>" + (p == 4 ? "<p>- Advertisement -</p>" : "")))}}
        <p>Source link</p></article>
        <aside class="related"><h3>Latest News</h3><ul><li><a href="/a">Another story</a></li><li><a href="/b">And another</a></li></ul></aside>
        <footer>© 2026 Bench News</footer></body></html>
        """;

    private static string Title(int feed, int item) => $"{Subjects[(feed + item) % 10]} {Verbs[(feed * 7 + item) % 10]} {Objects[(feed * 3 + item * 7) % 10]} (report {feed}-{item})";

    private static readonly string[] Syllables = ["ka", "lo", "ren", "bis", "ta", "mic", "dor", "vel", "an", "tri", "os", "pel", "mar", "quin", "sa", "tu", "ber", "lin", "gro", "vi"];

    /// <summary>
    /// A sentence from a generator seeded by article and sentence (the same every run): word choices, numbers and
    /// made-up names differ from article to article, as people, places and figures do in real news.
    /// </summary>
    private static string Sentence(int feed, int item, int n)
    {
        var random = new Random((feed * 1_000_003) + (item * 1_009) + n);
        return $"{Subjects[random.Next(10)]} {Verbs[random.Next(10)]} {Objects[random.Next(10)]} for {Name(random)} {Tails[random.Next(10)]}, " +
            $"said {Name(random)} {Name(random)}, with {random.Next(2, 999)} votes, {random.Next(1, 99)} amendments and ${random.Next(1, 90)}.{random.Next(10)}bn at stake in district {feed * 100 + item}.";
    }

    private static string Name(Random random)
    {
        var name = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
