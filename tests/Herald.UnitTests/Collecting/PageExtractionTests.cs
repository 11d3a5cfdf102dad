using Herald.Collecting;
using Herald.Testing;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// Golden files (Golden/extraction): noisy pages written for these tests, each beside the text a reader should get —
/// every paragraph of the article, and none of the weather widgets, ad placeholders, share bars, "Source link",
/// "Highlights", "Latest News", newsletter prompts, comments or cookie notices around it.
/// </summary>
public class PageExtractionTests
{
    public static TheoryData<string> Pages => GoldenFile.Cases("extraction", ".html");

    [Theory]
    [MemberData(nameof(Pages))]
    public void Extracts_the_article_and_nothing_else(string page)
    {
        var (html, url) = Page(page);

        var extracted = PageExtractor.Extract(html, url);

        GoldenFile.AssertMatches($"extraction/{page}.expected.txt", extracted.Text + "\n");
        Assert.DoesNotContain("<script", extracted.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", extracted.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reads_canonical_address_date_and_title()
    {
        var (html, url) = Page("syndicated-wire");

        var extracted = PageExtractor.Extract(html, url);

        Assert.Equal("https://capitolwire.example/2026/11/24/senate-leaders-deal", extracted.CanonicalUrl!.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 19, 5, 0, TimeSpan.Zero), extracted.PublishedAt);
        Assert.Equal("Senate Leaders Reach Deal To Avert Shutdown", extracted.Title);
    }

    [Fact]
    public void Relative_canonical_links_resolve_against_the_page()
    {
        var (html, url) = Page("news-with-figure");

        var extracted = PageExtractor.Extract(html, url);

        Assert.Equal("https://beltwaybrief.example/2026/11/24/tariff-pause", extracted.CanonicalUrl!.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 30, 0, TimeSpan.Zero), extracted.PublishedAt);
    }

    [Fact]
    public void Nothing_executable_survives()
    {
        const string html = """
            <html><body><article>
            <p>The Senate voted on Tuesday to keep the government open until February, ending a week of tense talks between the parties.</p>
            <p onclick="steal()">Leaders said the deal <a href="javascript:alert(1)">adds disaster aid</a> and <img src=x onerror="alert(2)"> holds spending flat for ten weeks.</p>
            <script>alert(3)</script><iframe src="https://evil.example"></iframe>
            <p>A final vote is expected before the weekend, and the House is likely to follow early next week.</p>
            </article></body></html>
            """;

        var extracted = PageExtractor.Extract(html, new Uri("https://example.com/a"));

        Assert.DoesNotContain("javascript:", extracted.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", extracted.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", extracted.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", extracted.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", extracted.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("adds disaster aid", extracted.Text, StringComparison.Ordinal);
    }

    /// <summary>A golden page and the address it was fetched from, which its first comment names ("herald-test: the page was fetched from URL").</summary>
    public static (string Html, Uri Url) Page(string name)
    {
        var html = File.ReadAllText(RepositoryPaths.Golden("extraction", name + ".html"));
        var match = System.Text.RegularExpressions.Regex.Match(html, "<!-- herald-test: the page was fetched from (\\S+) -->");
        return (html, new Uri(match.Success ? match.Groups[1].Value : $"https://pages.example/{name}"));
    }
}
