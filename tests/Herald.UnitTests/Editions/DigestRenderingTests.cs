using Herald.Articles;
using Herald.Configuration;
using Herald.Editions.Rendering;
using Herald.Editions.Scheduling;
using Herald.Editions.Stories;
using Herald.Links;
using Herald.Templates;
using Herald.Testing;
using Microsoft.Extensions.Options;

namespace Herald.UnitTests.Editions;

/// <summary>
/// Golden files (Golden/digest): each "{case}.json" is an edition's newsletter and stories, rendered by the real
/// templates and compared with "{case}.html" and "{case}.txt" beside it. A new JSON file is a new case.
/// </summary>
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

    public static TheoryData<string> Editions => GoldenFile.Cases("digest", ".json");

    [Theory]
    [MemberData(nameof(Editions))]
    public void Html_digest_matches_the_golden_file(string name)
    {
        var edition = GoldenEdition.Load(name);

        var html = Renderer().Render(edition.Newsletter, edition.Slot, edition.EditionId, edition.Ranked).Html;

        GoldenFile.AssertMatches($"digest/{name}.html", Visible(html, isHtml: true));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Text_digest_matches_the_golden_file(string name)
    {
        var edition = GoldenEdition.Load(name);

        var text = Renderer().Render(edition.Newsletter, edition.Slot, edition.EditionId, edition.Ranked).Text;

        GoldenFile.AssertMatches($"digest/{name}.txt", Visible(text, isHtml: false));
    }

    /// <summary>The rendered edition with each recipient slot shown by name, so the golden files show where personal links go.</summary>
    private static string Visible(string rendered, bool isHtml)
    {
        Assert.DoesNotContain("HERALD-PERSONAL", rendered, StringComparison.Ordinal);
        return PersonalSlots.Fill(rendered, new PersonalValues("HERALD-PERSONAL-UNSUBSCRIBE-URL", "HERALD-PERSONAL-PREFERENCES-URL", "HERALD-PERSONAL-NAME"), isHtml);
    }

    [Fact]
    public void Article_content_is_escaped_never_executed_or_parsed_as_a_template()
    {
        var hostile = Story("a3", "{{ 7 * 7 }} and {% raw %}", "Src", "{{ newsletter.title }} <img src=x onerror=alert(1)>", null);

        var (html, text, _, _) = Render([new Story(hostile, [], hostile.Summary!.Short)]);

        Assert.Contains("{{ 7 * 7 }}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("49", text, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void No_article_can_place_a_recipients_personal_link()
    {
        // A hostile feed that knows how personal links are marked, and the placeholder text an older version replaced.
        var marker = PersonalSlots.Marker(PersonalSlot.UnsubscribeUrl);
        var hostile = Story("a4", $"Click {marker} now HERALD-PERSONAL-UNSUBSCRIBE-URL", $"Src{marker}", $"Summary {marker}{PersonalSlots.Marker(PersonalSlot.PreferencesUrl)} end", null);

        var (html, text, _, _) = Render([new Story(hostile, [], hostile.Summary!.Short)]);
        var clean = Render([new Story(Story("a5", "Plain", "Src", "Summary", null), [], "Summary")]);

        // Exactly the template's own slots, as many as an edition of harmless articles has.
        Assert.Equal(Count(clean.Html, marker), Count(html, marker));
        Assert.Equal(Count(clean.Text, marker), Count(text, marker));
        Assert.Equal(Count(clean.Html, PersonalSlots.Marker(PersonalSlot.PreferencesUrl)), Count(html, PersonalSlots.Marker(PersonalSlot.PreferencesUrl)));
        var filled = PersonalSlots.Fill(text, new PersonalValues(UnsubscribeUrl: "https://herald.example/api/unsubscribe?token=SECRET"), html: false);
        Assert.Contains("Click now HERALD-PERSONAL-UNSUBSCRIBE-URL", System.Text.RegularExpressions.Regex.Replace(filled, @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal(Count(clean.Text, marker), Count(filled, "token=SECRET"));

        static int Count(string haystack, string needle) => (haystack.Length - haystack.Replace(needle, "", StringComparison.Ordinal).Length) / needle.Length;
    }

    private static DigestOutput Render(IReadOnlyList<Story> stories) =>
        Renderer().Render(Newsletter, NewsletterSchedule.For(Newsletter).SlotAt(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)), "e", StoryRanking.Rank(Newsletter, stories, new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)));

    private static DigestRenderer Renderer()
    {
        var options = Options.Create(new HeraldOptions { PublicBaseUrl = "https://herald.example", TemplateDirectory = RepositoryPaths.Templates });
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
