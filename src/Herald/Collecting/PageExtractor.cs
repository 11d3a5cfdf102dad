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
public static partial class PageExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>The deepest nesting of elements extracted; real article pages stay within a few dozen levels.</summary>
    public const int MaxDepth = 500;

    public static ExtractedPage Extract(string html, Uri url)
    {
        // Parsing and scoring slow sharply with depth (100,000 nested blocks take half a minute); no article nests so.
        // A cheap count of the markup first, so such a page is refused before the parser sees it; then the real depth.
        if (MarkupDepth(html) > 4 * MaxDepth)
        {
            throw new PageRejectedException($"the page nests elements more than {MaxDepth} deep.");
        }

        using var document = Parser.ParseDocument(html);
        if (Depth(document.DocumentElement) > MaxDepth)
        {
            throw new PageRejectedException($"the page nests elements more than {MaxDepth} deep.");
        }

        var canonical = Canonical(document, url);
        var published = MetaDate(document);

        // Boilerplate goes first, while class names still say what a block is (the extractor drops them),
        // and again afterwards for what only its text gives away.
        if (document.Body is { } page)
        {
            HiddenContinuation.Reveal(page);
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

    /// <summary>
    /// How deep the markup opens elements, counted on the text: start tags minus end tags, leaving out void elements and
    /// those whose end tag may be omitted (p, li, td, ...), which would otherwise count an old page's every paragraph.
    /// An over-estimate is fine: it is compared with a bound four times the real limit.
    /// </summary>
    private static int MarkupDepth(string html)
    {
        var (depth, deepest) = (0, 0);
        foreach (System.Text.RegularExpressions.Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (NotCounted.Contains(name) || tag.Value.EndsWith("/>", StringComparison.Ordinal))
            {
                continue;
            }

            depth = tag.Groups["close"].Success ? Math.Max(0, depth - 1) : depth + 1;
            deepest = Math.Max(deepest, depth);
            if (deepest > 4 * MaxDepth)
            {
                break;
            }
        }

        return deepest;
    }

    private static readonly HashSet<string> NotCounted = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rp",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9-]{0,30})\b[^<>]{0,2000}>?")]
    private static partial System.Text.RegularExpressions.Regex Tag();

    /// <summary>How deep the elements nest, walked without recursion (stopping once past the limit).</summary>
    private static int Depth(IElement root)
    {
        var deepest = 0;
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0 && deepest <= MaxDepth)
        {
            var (element, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in element.Children)
            {
                stack.Push((child, depth + 1));
            }
        }

        return deepest;
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
