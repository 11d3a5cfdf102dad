using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Herald.Text;

namespace Herald.Collecting;

/// <summary>
/// Extracts the main article from a page with SmartReader (a port of Mozilla's Readability), then removes the
/// boilerplate it leaves (<see cref="Boilerplate"/>) and sanitizes what is kept. The canonical address comes from
/// the page's &lt;link rel=canonical&gt; (or og:url), normalized like every article address.
/// </summary>
public static class PageExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public static ExtractedPage Extract(string html, Uri url)
    {
        using var document = Parser.ParseDocument(html);
        var canonical = Canonical(document, url);
        var published = MetaDate(document);

        // Boilerplate goes first, while class names still say what a block is (the extractor drops them),
        // and again afterwards for what only its text gives away.
        if (document.Body is { } page)
        {
            Boilerplate.Remove(page);
        }

        var reader = new SmartReader.Reader(url.AbsoluteUri, document.DocumentElement.OuterHtml) { Debug = false, DisableJSONLD = false };
        var article = reader.GetArticle();
        var content = article.IsReadable && !string.IsNullOrWhiteSpace(article.Content)
            ? article.Content
            : document.Body?.InnerHtml ?? "";
        var title = HtmlText.ToInlineText(!string.IsNullOrWhiteSpace(article.Title) ? article.Title : document.Title);

        using var cleaned = Parser.ParseDocument("<body>" + content + "</body>");
        var body = cleaned.Body!;
        Boilerplate.Remove(body);
        RemoveTitleRepeat(body, title);

        return new ExtractedPage(
            title,
            string.IsNullOrWhiteSpace(article.Byline) ? (string.IsNullOrWhiteSpace(article.Author) ? null : HtmlText.ToInlineText(article.Author)) : HtmlText.ToInlineText(article.Byline),
            published ?? (article.PublicationDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind)).ToUniversalTime() : null),
            canonical,
            !string.IsNullOrWhiteSpace(article.FeaturedImage) && Uri.TryCreate(url, article.FeaturedImage, out var image) && image.Scheme is "http" or "https" ? image.AbsoluteUri : null,
            HtmlText.ToText(body.InnerHtml),
            HtmlText.Sanitize(body.InnerHtml, url));
    }

    private static Uri? Canonical(IDocument document, Uri url)
    {
        var href = document.QuerySelector("link[rel~='canonical']")?.GetAttribute("href")
            ?? document.QuerySelector("meta[property='og:url']")?.GetAttribute("content");
        return !string.IsNullOrWhiteSpace(href) && Uri.TryCreate(url, href.Trim(), out var canonical) && canonical.Scheme is "http" or "https"
            ? new Uri(CanonicalUrl.Normalize(canonical))
            : null;
    }

    private static DateTimeOffset? MetaDate(IDocument document)
    {
        var value = document.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content")
            ?? document.QuerySelector("meta[name='pubdate'], meta[itemprop='datePublished']")?.GetAttribute("content")
            ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime() : null;
    }

    /// <summary>Extractors often keep the headline as the first block; the article has a title already.</summary>
    private static void RemoveTitleRepeat(IElement body, string title)
    {
        var first = body.QuerySelector("h1, h2, p");
        if (first is not null && string.Equals(HtmlText.ToInlineText(first.TextContent), title, StringComparison.OrdinalIgnoreCase))
        {
            first.Remove();
        }
    }
}
