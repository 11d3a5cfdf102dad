using Herald.Articles;
using Herald.Text;

namespace Herald.Collecting;

/// <summary>An item on its way to becoming an article: what the feed said, completed by the page when it was read.</summary>
public sealed record ArticleDraft(string Title, Uri Link, Uri Canonical, DateTimeOffset? PublishedAt, string? Author, string Text, string? Html, string? ImageUrl)
{
    public static ArticleDraft FromFeed(ParsedItem item)
    {
        var html = item.ContentHtml ?? item.SummaryHtml ?? "";
        var text = string.Join("\n\n", HtmlText.ToText(html).Split("\n\n").Where(p => !Boilerplate.IsBoilerplate(p)));
        return new ArticleDraft(
            item.Title.Length > 0 ? item.Title : "(untitled)",
            item.Link,
            new Uri(item.Identity),
            item.PublishedAt,
            item.Author,
            text,
            html.Length == 0 ? null : HtmlText.Sanitize(html, item.Link),
            null);
    }

    /// <summary>The page wins where it knows more: a longer text, its canonical address, its dates and byline when the feed had none.</summary>
    public ArticleDraft WithPage(ExtractedPage page, Uri finalUrl)
    {
        var longer = page.Text.Length > Text.Length;
        return this with
        {
            Canonical = page.CanonicalUrl ?? new Uri(CanonicalUrl.Normalize(finalUrl)),
            Title = Title == "(untitled)" && page.Title.Length > 0 ? page.Title : Title,
            PublishedAt = PublishedAt ?? page.PublishedAt,
            Author = Author ?? page.Byline,
            Text = longer ? page.Text : Text,
            Html = longer ? page.Html : Html,
            ImageUrl = page.ImageUrl,
        };
    }

    public Article ToArticle(string source, IReadOnlyList<string> tags, IReadOnlyList<string> feedTags, DateTimeOffset collectedAt) => new()
    {
        Id = CanonicalUrl.IdOf(Canonical.AbsoluteUri),
        Url = Link.AbsoluteUri,
        CanonicalUrl = Canonical.AbsoluteUri,
        Title = Title,
        Author = Author,
        PublishedAt = PublishedAt ?? collectedAt, // undated by feed and page: dated when Herald first saw it, never timeless
        CollectedAt = collectedAt,
        Source = source,
        Text = Text,
        Html = Html,
        Tags = tags,
        FeedTags = feedTags,
        ImageUrl = ImageUrl,
        Sources = [new ArticleSource(source, Link.AbsoluteUri)],
    };
}
