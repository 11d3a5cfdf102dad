using System.Xml;
using CodeHollow.FeedReader;
using Herald.Collecting.Fetching;

namespace Herald.Collecting;

/// <summary>
/// Parses RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed with CodeHollow.FeedReader. XML is read first by
/// <see cref="SafeXml"/> (DTDs refused) and the library parses what that reader wrote back, so no external entity
/// and no entity-expansion bomb reaches it, whatever the feed's first bytes.
/// </summary>
public static class FeedParser
{
    public const int MaxItems = 500;

    /// <summary>Parses feed bytes, decoding them with <see cref="TextDecoding"/> (so a wrongly declared charset is survived).</summary>
    public static ParsedFeed Parse(byte[] content, Uri? feedUrl, string? charset = null, int maxItems = MaxItems) =>
        Parse(TextDecoding.Decode(content, charset), feedUrl, maxItems);

    public static ParsedFeed Parse(string content, Uri? feedUrl, int maxItems = MaxItems)
    {
        // Whatever comes first, the feed library only ever sees JSON or XML that SafeXml has read and written back:
        // no DTD, no entity, no byte that made a document look like something else.
        var text = SafeXml.TrimLeading(content);
        Uri? xmlBase = null;
        if (!text.StartsWith('{'))
        {
            var document = LoadXml(text);
            xmlBase = XmlBaseOf(document);
            text = document.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(text);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or InvalidOperationException or ArgumentException or System.Runtime.Serialization.SerializationException or NotSupportedException or CodeHollow.FeedReader.Parser.FeedTypeNotSupportedException or System.Text.Json.JsonException)
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

    private static System.Xml.Linq.XDocument LoadXml(string text)
    {
        try
        {
            return SafeXml.Load(text);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedRejectedException("the feed declares a DTD; Herald refuses DTDs and entity declarations.", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedRejectedException(text.StartsWith('<') ? $"malformed XML: {ex.Message}" : $"not a feed (neither JSON nor XML): {ex.Message}", ex);
        }
    }

    /// <summary>The root element's absolute http(s) xml:base, if any.</summary>
    private static Uri? XmlBaseOf(System.Xml.Linq.XDocument document) =>
        document.Root?.Attribute(System.Xml.Linq.XNamespace.Xml + "base")?.Value is { } value
        && Uri.TryCreate(value, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : null;
}
