using System.Xml;
using CodeHollow.FeedReader;
using Herald.Collecting.Fetching;

namespace Herald.Collecting;

/// <summary>
/// Parses RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed with CodeHollow.FeedReader, after refusing
/// XML that declares a DTD: no external entities, no entity-expansion bombs reach the parser.
/// </summary>
public static class FeedParser
{
    public const int MaxItems = 500;

    /// <summary>Parses feed bytes, decoding them with <see cref="TextDecoding"/> (so a wrongly declared charset is survived).</summary>
    public static ParsedFeed Parse(byte[] content, Uri? feedUrl, string? charset = null, int maxItems = MaxItems) =>
        Parse(TextDecoding.Decode(content, charset), feedUrl, maxItems);

    public static ParsedFeed Parse(string content, Uri? feedUrl, int maxItems = MaxItems)
    {
        Uri? xmlBase = null;
        if (LooksLikeXml(content))
        {
            xmlBase = RefuseUnsafeXml(content);
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(content);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or InvalidOperationException or ArgumentException or System.Runtime.Serialization.SerializationException or NotSupportedException or CodeHollow.FeedReader.Parser.FeedTypeNotSupportedException)
        {
            throw new FeedRejectedException($"not a readable feed: {ex.Message}", ex);
        }

        // Relative item links resolve against xml:base, else the address the feed came from, else the feed's own link.
        var baseUrl = xmlBase ?? feedUrl ?? (Uri.TryCreate(feed.Link, UriKind.Absolute, out var link) ? link : null);
        var items = new List<ParsedItem>();
        foreach (var item in feed.Items.Take(maxItems))
        {
            var url = ResolveLink(item.Link, baseUrl) ?? ResolveLink(item.Id, baseUrl);
            if (url is null)
            {
                continue;
            }

            items.Add(new ParsedItem(
                HtmlText.ToInlineText(item.Title),
                url,
                PublishedAt(item),
                string.IsNullOrWhiteSpace(item.Author) ? null : HtmlText.ToInlineText(item.Author),
                [.. item.Categories ?? []],
                string.IsNullOrWhiteSpace(item.Content) ? null : item.Content,
                string.IsNullOrWhiteSpace(item.Description) ? null : item.Description));
        }

        return new ParsedFeed(HtmlText.ToInlineText(feed.Title), feed.Type.ToString(), items);
    }

    /// <summary>The feed's own date string keeps its offset; the library's parsed DateTime is only a fallback, read as UTC.</summary>
    private static DateTimeOffset? PublishedAt(FeedItem item)
    {
        if (DateTimeOffset.TryParse(item.PublishingDateString, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        return item.PublishingDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null;
    }

    private static Uri? ResolveLink(string? link, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        // On Unix "/2026/11/story" parses as an absolute file:// URI; a link starting with "/" is always relative here.
        var trimmed = link.Trim();
        Uri? url = null;
        if (trimmed.StartsWith('/') || !Uri.TryCreate(trimmed, UriKind.Absolute, out url))
        {
            url = null;
            if (baseUrl is not null)
            {
                Uri.TryCreate(baseUrl, trimmed, out url);
            }
        }

        return url is not null && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;
    }

    private static bool LooksLikeXml(string content) => content.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<');

    /// <summary>Reads the whole document with DTDs prohibited; returns the root element's absolute xml:base, if any.</summary>
    private static Uri? RefuseUnsafeXml(string content)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
        };
        try
        {
            using var text = new StringReader(content);
            using var reader = XmlReader.Create(text, settings);
            Uri? xmlBase = null;
            var root = true;
            while (reader.Read())
            {
                if (root && reader.NodeType == XmlNodeType.Element)
                {
                    root = false;
                    var value = reader.GetAttribute("xml:base");
                    if (Uri.TryCreate(value, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
                    {
                        xmlBase = parsed;
                    }
                }
            }

            return xmlBase;
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedRejectedException("the feed declares a DTD; Herald refuses DTDs and entity declarations.", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedRejectedException($"malformed XML: {ex.Message}", ex);
        }
    }
}
