using Herald.Articles;
using Herald.Configuration;
using Herald.Editions.Stories;

namespace Herald.Editions.Rendering;

/// <summary>
/// A small edition made up for checking a newsletter's templates before any news arrives: two stories, one with a dek,
/// another outlet's report and a syndicated copy, each under the newsletter's first section when it has sections. It
/// takes every branch the stock templates have, so a template that reads a member the model lacks fails on it.
/// </summary>
public static class SampleEdition
{
    public static IReadOnlyList<RankedStory> For(NewsletterOptions newsletter, DateTimeOffset now)
    {
        var section = newsletter.Sections.FirstOrDefault()?.Title;
        var lead = Article("sample-1", "A sample story to check the templates", "Example News", now.AddHours(-2),
            "The sample story has a first sentence. It has a second one too.", "A dek that says what the story adds.")
            with { Sources = [new ArticleSource("Example Wire", "https://wire.example/sample-1")] };
        var other = Article("sample-2", "Another outlet tells the same story", "Other Outlet", now.AddHours(-3), "The other outlet's report of the sample story.", "");
        var second = Article("sample-3", "A second story, with no dek", "Example News", now.AddHours(-5), "The second story has one sentence.", "");
        return
        [
            new RankedStory(new Story(lead, [other], "The sample story has a first sentence. It has a second one too."), 2, 1, section),
            new RankedStory(new Story(second, [], "The second story has one sentence."), 1, 2, section),
        ];
    }

    private static Article Article(string id, string title, string source, DateTimeOffset published, string text, string dek) => new()
    {
        Id = id,
        Url = $"https://news.example/{id}",
        CanonicalUrl = $"https://news.example/{id}",
        Title = title,
        CollectedAt = published.AddMinutes(5),
        PublishedAt = published,
        Source = source,
        Text = text,
        Tags = ["sample"],
        Summary = new ArticleSummary(dek, text, "sample", published),
    };
}
