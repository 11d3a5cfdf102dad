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

    [Fact]
    public void Today_in_brief_lists_the_stories_in_the_order_the_sections_below_show_them_and_each_section_counts_from_one()
    {
        var newsletter = new NewsletterOptions
        {
            Id = "white-house-watch", Title = "White House Watch", Template = "digest", PostalAddress = "1 Example Street",
            Sections = [new SectionOptions { Title = "Congress", Tags = ["congress"] }, new SectionOptions { Title = "The White House", Tags = ["white-house"] }],
        };
        var at = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
        RankedStory Ranked(string id, string title, int rank, string section) =>
            new(new Story(Story(id, title, "Capitol Wire", $"{title} happened.", at.AddHours(-rank)), [], $"{title} happened."), 10 - rank, rank, section);
        // The top story is in the second section: sections reorder what the ranking says.
        IReadOnlyList<RankedStory> ranked = [Ranked("a", "Oval Office order", 1, "The White House"), Ranked("b", "Senate vote", 2, "Congress"), Ranked("c", "Press briefing", 3, "The White House"), Ranked("d", "House bill", 4, "Congress")];

        var digest = Renderer().Render(newsletter, NewsletterSchedule.For(newsletter).SlotAt(at), "white-house-watch-20261125-0600", ranked);

        var brief = digest.Text[digest.Text.IndexOf("TODAY IN BRIEF", StringComparison.Ordinal)..digest.Text.IndexOf("== CONGRESS ==", StringComparison.Ordinal)];
        Assert.Equal(["Senate vote", "House bill", "Oval Office order", "Press briefing"], Lines(brief));
        Assert.Contains("== CONGRESS ==\n\n1. Senate vote", digest.Text.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("== THE WHITE HOUSE ==\n\n1. Oval Office order", digest.Text.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(digest.Html.IndexOf(">Senate vote<", StringComparison.Ordinal) < digest.Html.IndexOf(">Oval Office order<", StringComparison.Ordinal));

        static List<string> Lines(string brief) =>
            [.. brief.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s*\d+\. (.+)$")).Where(m => m.Success).Select(m => m.Groups[1].Value.Trim())];
    }

    [Fact]
    public void A_dek_that_is_a_sentence_of_the_summary_is_not_said_twice()
    {
        var at = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
        var article = Story("a", "Senate passes the budget", "Capitol Wire", "The vote was 52 to 48.", at) with
        {
            Summary = new ArticleSummary("The measure now goes to the House.", "The Senate passed the budget late on Tuesday. The measure now goes to the House. The vote was 52 to 48.", "extractive", at),
        };
        var story = new Story(article, [], article.Summary!.Short);

        var digest = Renderer().Render(Newsletter, NewsletterSchedule.For(Newsletter).SlotAt(at), "white-house-watch-20261125-0600", [new RankedStory(story, 1, 1, null)]);

        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(System.Text.RegularExpressions.Regex.Replace(digest.Text, @"\s+", " "), "The measure now goes to the House"));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(digest.Html, "The measure now goes to the House"));
    }

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
