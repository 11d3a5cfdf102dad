using Herald.Collecting;
using Herald.Testing;
using Herald.Text;

namespace Herald.Tests.Evaluation;

/// <summary>
/// The boilerplate rules against real news they were not written for: every article of both shared development sets
/// (CNN/DailyMail and BBC), laid out as a page in each of the shapes that once cost an article its body - a plain
/// article element, a WordPress post whose classes name its tags, a page wrapped in an ASP.NET form, a layout named
/// for its sidebar, a blog post in a "widget" written with line breaks, and the rest of the story in a block a
/// script reveals - and extracted as Herald extracts pages. What is measured is how much of the article comes back
/// (token recall) and which of its sentences the text rules alone would delete.
/// </summary>
public class RealArticlePagesTests(ITestOutputHelper output)
{
    private static readonly (string Name, Func<string[], string> Body)[] Shapes =
    [
        ("article", ps => $"<article><h1>Story</h1>{P(ps)}</article>"),
        ("wordpress classes", ps => $"<article class=\"post type-post category-sponsored tag-newsletter tag-weather\"><h1>Story</h1>{P(ps)}</article>"),
        ("form-wrapped page", ps => $"<form id=\"aspnetForm\" method=\"post\"><div id=\"main\"><h1>Story</h1>{P(ps)}</div></form>"),
        ("sidebar layout", ps => $"<div class=\"layout layout--with-sidebar\"><div class=\"main\"><h1>Story</h1>{P(ps)}</div><div class=\"sidebar\"><ul><li><a href=\"/a\">Most read</a></li></ul></div></div>"),
        ("blog widget with br", ps => $"<div class=\"widget Blog\"><div class=\"post\"><h3>Story</h3>{string.Join("<br><br>", ps.Select(Esc))}</div></div>"),
        ("hidden continuation", ps => $"<article><h1>Story</h1><div class=\"body\">{P(ps.Take(3))}<button>Continue reading</button><div class=\"hide-on-init\">{P(ps.Skip(3))}</div></div></article>"),
    ];

    [Theory]
    [InlineData("realsumm-dev.jsonl")]
    [InlineData("xsum-50.jsonl")]
    public void Real_articles_in_every_risky_shape_come_back_whole(string file)
    {
        var articles = DevelopmentSets.Articles(file).Select(text => SentenceSplitter.Split(text).ToArray()).Where(s => s.Length >= 4).ToList();

        var sentences = articles.SelectMany(a => a).ToList();
        var flagged = sentences.Where(Boilerplate.IsBoilerplate).ToList();
        output.WriteLine($"{file}: the text rules alone flag {flagged.Count} of {sentences.Count} sentences");
        foreach (var sentence in flagged)
        {
            output.WriteLine("  flagged: " + sentence);
        }

        var worst = new List<string>();
        foreach (var (name, body) in Shapes)
        {
            var recalls = new List<double>();
            foreach (var sentencesOfArticle in articles)
            {
                // Two sentences to a paragraph, as news sites write them.
                var paragraphs = sentencesOfArticle.Chunk(2).Select(c => string.Join(' ', c)).ToArray();
                var html = $"<html><head><title>Story | Daily</title></head><body><header><a href=\"/\">Daily</a></header>{body(paragraphs)}<footer><p>© 2026 Daily</p></footer></body></html>";
                var text = PageExtractor.Extract(html, new Uri("https://daily.example/2026/11/story")).Text;
                var recall = Recall(string.Join(' ', paragraphs), text);
                recalls.Add(recall);
                if (recall < 0.95)
                {
                    var kept = text.Split("\n\n").ToHashSet(StringComparer.Ordinal);
                    output.WriteLine($"  {name}: recall {recall:F3}, lost: {string.Join(" / ", paragraphs.Where(p => !kept.Contains(p)).Select(p => p.Length > 90 ? p[..90] + "..." : p))}");
                }
            }

            recalls.Sort();
            output.WriteLine($"{name,-20} {articles.Count} articles, token recall mean {recalls.Average():F3}, lowest {recalls[0]:F3}, below 0.95: {recalls.Count(r => r < 0.95)}");
            if (recalls[0] < 0.9)
            {
                worst.Add($"{name}: lowest recall {recalls[0]:F3}");
            }
        }

        Assert.True(flagged.Count * 200 <= sentences.Count, $"{flagged.Count} of {sentences.Count} sentences flagged, more than 0.5%");
        Assert.Empty(worst);
    }

    private static double Recall(string expected, string got)
    {
        var want = Tokens(expected);
        var have = Tokens(got).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var found = 0;
        foreach (var token in want)
        {
            if (have.TryGetValue(token, out var n) && n > 0)
            {
                have[token] = n - 1;
                found++;
            }
        }

        return want.Count == 0 ? 1 : (double)found / want.Count;
    }

    private static List<string> Tokens(string text) => [.. System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), @"\w+").Select(m => m.Value)];

    private static string P(IEnumerable<string> paragraphs) => string.Concat(paragraphs.Select(p => $"<p>{Esc(p)}</p>"));

    private static string Esc(string text) => System.Net.WebUtility.HtmlEncode(text);
}
