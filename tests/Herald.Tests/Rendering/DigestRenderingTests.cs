using Herald.Articles;
using Herald.Configuration;
using Herald.Rendering;
using Herald.Summarizing;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Rendering;

/// <summary>Golden files: a fixed edition rendered by the real templates, compared with the committed expected output.</summary>
public class DigestRenderingTests
{
    private static readonly NewsletterOptions Newsletter = new()
    {
        Id = "white-house-watch",
        Title = "White House Watch",
        Description = "The day in US politics & the White House, summarized.",
        Template = "digest",
        PostalAddress = "Herald Sample Desk, 100 Example Street, Springfield, USA",
    };

    private static readonly Story[] Stories =
    [
        new(
            Story("a1", "Senate passes stopgap bill", "Capitol Wire", "The Senate passed a stopgap bill on Thursday. It funds the government until February.", new DateTimeOffset(2026, 11, 24, 19, 5, 0, TimeSpan.Zero)),
            [Story("a3", "Stopgap clears Senate", "Policy Desk", "Same event.", null), Story("a4", "Senate backs bill", "Beltway <Brief>", "Same event.", null)],
            "The Senate passed a stopgap bill on Thursday. It funds the government until February. The House votes next."),
        new(
            Story("a2", "<script>alert('x')</script> \"Quotes\" & ampersands", "Policy <Desk>", "A summary with <b>markup</b> & \"quotes\" stays text.", null),
            [],
            "A summary with <b>markup</b> & \"quotes\" stays text."),
    ];

    [Fact]
    public void Html_digest_matches_the_golden_file()
    {
        var (html, _) = Renderer().Render(Newsletter, "white-house-watch-20261125", new DateOnly(2026, 11, 25), Stories);

        GoldenFile.AssertMatches("digest.html", html);
    }

    [Fact]
    public void Text_digest_matches_the_golden_file()
    {
        var (_, text) = Renderer().Render(Newsletter, "white-house-watch-20261125", new DateOnly(2026, 11, 25), Stories);

        GoldenFile.AssertMatches("digest.txt", text);
    }

    [Fact]
    public void Article_content_is_escaped_never_executed_or_parsed_as_a_template()
    {
        var hostile = Story("a3", "{{ 7 * 7 }} and {% raw %}", "Src", "{{ newsletter.title }} <img src=x onerror=alert(1)>", null);

        var (html, text) = Renderer().Render(Newsletter, "e", new DateOnly(2026, 11, 25), [new Story(hostile, [], hostile.Summary!.Short)]);

        Assert.Contains("{{ 7 * 7 }}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("49", text, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    private static DigestRenderer Renderer()
    {
        var options = Options.Create(new HeraldOptions { PublicBaseUrl = "https://herald.example", TemplateDirectory = RepositoryPaths.Templates, SigningKey = new string('k', 32) });
        return new DigestRenderer(new TemplateCatalog(options), new SiteLinks(options));
    }

    private static Article Story(string id, string title, string source, string summary, DateTimeOffset? published) => new()
    {
        Id = id,
        Url = $"https://news.example/{id}",
        CanonicalUrl = $"https://news.example/{id}",
        Title = title,
        Source = source,
        Text = summary,
        CollectedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        PublishedAt = published,
        Summary = new ArticleSummary(summary, summary, "extractive", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)),
    };
}
