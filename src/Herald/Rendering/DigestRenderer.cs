using System.Globalization;
using Herald.Articles;
using Herald.Configuration;

namespace Herald.Rendering;

/// <summary>Renders one edition of a newsletter to HTML and plain text from its templates.</summary>
public sealed class DigestRenderer(TemplateCatalog templates, SiteLinks links)
{
    public (string Html, string Text) Render(NewsletterOptions newsletter, string editionId, DateOnly date, IReadOnlyList<Article> articles)
    {
        var model = new DigestModel(
            new NewsletterView(newsletter.Id, newsletter.Title, newsletter.Description, newsletter.PostalAddress),
            new EditionView(editionId, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)),
            [.. articles.Select(ToStory)],
            new LinkView(PersonalLinks.Unsubscribe, PersonalLinks.Preferences, links.Archive(newsletter.Id, date), links.SubscribePage(newsletter.Id)));

        return (templates.Render($"{newsletter.Template}.html.scriban", model), templates.Render($"{newsletter.Template}.txt.scriban", model));
    }

    private static StoryView ToStory(Article article) => new(
        article.Title,
        article.CanonicalUrl,
        article.Source,
        article.Summary?.Dek ?? "",
        article.Summary?.Short ?? "",
        article.PublishedAt?.ToString("MMM d, HH:mm 'UTC'", CultureInfo.InvariantCulture),
        article.Tags);
}
