using System.Text;
using System.Xml.Linq;

namespace Herald.Collecting;

/// <summary>
/// RSS 0.9x, 2.0 and 1.0 (RDF) and Atom 0.3 and 1.0, read from a document <see cref="SafeXml"/> loaded, by local names
/// so that a feed with prefixed or missing namespaces reads too. Each item gets the article's link as a reader
/// expects it (an alternate link, never self, enclosure or related; a guid only when it is a permalink), its
/// date from whichever element the feed used, and a title as text (HTML, base64 and escaped titles decoded, never a
/// script's text). An item with no usable link points to the feed's site when it has text of its own (the collector
/// keeps it only if that is the whole article); otherwise it is left out with a note saying why.
/// </summary>
internal static class XmlFeedReader
{
    private const string Atom03 = "http://purl.org/atom/ns#";

    /// <summary>Where an item's date can be, in the order they are trusted: first published, then updated.</summary>
    private static readonly string[] DateElements = ["pubDate", "published", "issued", "date", "created", "updated", "modified"];

    private static readonly HashSet<string> NotTheArticle = new(StringComparer.OrdinalIgnoreCase) { "self", "enclosure", "related", "edit", "edit-media", "replies", "via", "license", "payment", "hub", "next", "previous", "first", "last" };

    public static ParsedFeed Read(XDocument document, Uri? feedUrl, int maxItems, Func<bool> overTime)
    {
        var root = document.Root ?? throw new FeedRejectedException("not a feed: the XML document is empty.");
        var kind = root.Name.LocalName.ToLowerInvariant();
        XElement channel;
        List<XElement> entries;
        string format;
        switch (kind)
        {
            case "rss":
                channel = Child(root, "channel") ?? root; // a missing <channel>: the items sit under <rss>
                entries = [.. Children(channel, "item").Concat(channel == root ? [] : Children(root, "item"))];
                var version = (string?)root.Attribute("version") ?? "2.0";
                format = "Rss_" + (version is "0.91" or "0.92" or "0.93" or "0.94" or "2.0" or "0.90" ? version.Replace('.', '_') : "2_0");
                break;
            case "rdf":
                channel = Child(root, "channel") ?? root;
                entries = [.. Children(root, "item").Concat(channel == root ? [] : Children(channel, "item"))];
                format = "Rss_1_0";
                break;
            case "channel":
                channel = root;
                entries = [.. Children(root, "item")];
                format = "Rss_2_0";
                break;
            case "feed":
                channel = root;
                entries = [.. Children(root, "entry")];
                format = root.Name.NamespaceName == Atom03 ? "Atom_0_3" : "Atom";
                break;
            default:
                throw new FeedRejectedException($"not a feed: the document is <{root.Name.LocalName}>.");
        }

        var atom = kind == "feed";
        var rootBase = BaseOf(root, feedUrl);
        var home = LinkOf(channel, atom, rootBase);
        var site = home ?? feedUrl;
        var items = new List<ParsedItem>();
        var notes = new List<string>();
        foreach (var entry in entries.Take(maxItems))
        {
            if (overTime())
            {
                throw new FeedRejectedException("the feed took too long to read.");
            }

            var baseUrl = BaseOf(entry, rootBase ?? site);
            var link = LinkOf(entry, atom, baseUrl);
            var title = TitleOf(Child(entry, "title"));
            var content = ContentOf(Child(entry, "encoded") ?? Child(entry, "content"));
            var summary = ContentOf(Child(entry, "description") ?? Child(entry, "summary"));
            if (link is null && FeedLinks.LinklessProblem(home, content, summary) is { } problem)
            {
                notes.Add(problem);
                continue;
            }

            items.Add(new ParsedItem(title, link ?? home!, DateOf(entry), AuthorOf(entry), CategoriesOf(entry), content, summary)
            {
                LinkIsSite = link is null,
                ItemId = link is null ? IdOf(entry) ?? title + "\n" + content + summary : null,
            });
        }

        return new ParsedFeed(TitleOf(Child(channel, "title")), format, items) { Notes = notes };
    }

    /// <summary>The feed's own id of an item (RSS guid, Atom id), whatever it looks like.</summary>
    private static string? IdOf(XElement entry) =>
        (Child(entry, "guid") ?? Child(entry, "id"))?.Value.Trim() is { Length: > 0 } id ? id : null;

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => string.Equals(e.Name.LocalName, localName, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(e => string.Equals(e.Name.LocalName, localName, StringComparison.OrdinalIgnoreCase));

    /// <summary>An element's xml:base resolved against its parent's, for relative links inside it.</summary>
    private static Uri? BaseOf(XElement element, Uri? outer)
    {
        var value = (string?)element.Attribute(XNamespace.Xml + "base");
        return value is not null && FeedLinks.Resolve(value, outer) is { } resolved ? resolved : outer;
    }

    /// <summary>
    /// The article's address: feedburner's original link, an RSS &lt;link&gt;'s text, an Atom link that is the
    /// alternate (or has no rel) and preferably HTML, an RSS 1.0 item's rdf:about, or a guid that is a permalink.
    /// </summary>
    private static Uri? LinkOf(XElement entry, bool atom, Uri? baseUrl)
    {
        if (Child(entry, "origLink") is { } original && FeedLinks.Resolve(original.Value, baseUrl) is { } fromOriginal)
        {
            return fromOriginal;
        }

        var links = Children(entry, "link").ToList();
        foreach (var link in links.Where(l => l.Attribute("href") is null))
        {
            if (FeedLinks.Resolve(link.Value, baseUrl) is { } fromText)
            {
                return fromText;
            }
        }

        var alternate = links
            .Where(l => l.Attribute("href") is not null && !NotTheArticle.Contains(((string?)l.Attribute("rel") ?? "alternate").Trim()))
            .OrderBy(l => (string?)l.Attribute("rel") is null or "alternate" ? 0 : 1)
            .ThenBy(l => ((string?)l.Attribute("type") ?? "text/html").Contains("html", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Select(l => FeedLinks.Resolve((string)l.Attribute("href")!, baseUrl))
            .FirstOrDefault(u => u is not null);
        if (alternate is not null || atom)
        {
            return alternate;
        }

        var about = entry.Attributes().FirstOrDefault(a => a.Name.LocalName == "about");
        if (about is not null && FeedLinks.Resolve(about.Value, baseUrl) is { } fromAbout)
        {
            return fromAbout;
        }

        var guid = Child(entry, "guid");
        return guid is not null && !string.Equals(((string?)guid.Attribute("isPermaLink"))?.Trim(), "false", StringComparison.OrdinalIgnoreCase)
            ? FeedLinks.Resolve(guid.Value, baseUrl)
            : null;
    }

    private static DateTimeOffset? DateOf(XElement entry)
    {
        foreach (var name in DateElements)
        {
            foreach (var element in Children(entry, name))
            {
                if (FeedDates.Parse(element.Value) is { } date)
                {
                    return date;
                }
            }
        }

        return null;
    }

    private static string? AuthorOf(XElement entry)
    {
        var author = Child(entry, "author") ?? Child(entry, "creator");
        if (author is null)
        {
            return null;
        }

        var text = Child(author, "name")?.Value ?? (author.HasElements ? null : author.Value);
        return string.IsNullOrWhiteSpace(text) ? null : HtmlText.ToInlineText(text);
    }

    private static List<string> CategoriesOf(XElement entry) =>
        [.. Children(entry, "category").Concat(Children(entry, "subject"))
            .Select(c => (string?)c.Attribute("term") ?? (string?)c.Attribute("label") ?? c.Value)
            .Select(c => c.Trim())
            .Where(c => c.Length is > 0 and <= 200)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>A title as plain text: Atom's text, html and xhtml types and Atom 0.3's escaped and base64 modes.</summary>
    private static string TitleOf(XElement? title)
    {
        if (title is null)
        {
            return "";
        }

        var (type, text) = Decoded(title);
        return type == "text" ? HtmlText.ToInlineText(System.Net.WebUtility.HtmlEncode(text)) : HtmlText.ToInlineText(text);
    }

    /// <summary>Content or summary as HTML, whatever the element's type.</summary>
    private static string? ContentOf(XElement? content)
    {
        if (content is null)
        {
            return null;
        }

        var (type, text) = Decoded(content);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return type == "text" ? "<p>" + System.Net.WebUtility.HtmlEncode(text).Replace("\n\n", "</p><p>", StringComparison.Ordinal) + "</p>" : text;
    }

    /// <summary>
    /// The element's kind ("html" when its text is markup, "text" when it is plain) and its text: base64 decoded,
    /// xhtml's inner markup serialized. RSS elements carry escaped HTML by convention.
    /// </summary>
    private static (string Type, string Text) Decoded(XElement element)
    {
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant();
        var mode = ((string?)element.Attribute("mode"))?.Trim().ToLowerInvariant();
        if (mode == "base64")
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(element.Value.Trim()));
                return (type is "text" or "text/plain" ? "text" : "html", decoded);
            }
            catch (FormatException)
            {
                return ("text", element.Value);
            }
        }

        if (type is "xhtml" or "application/xhtml+xml" || mode == "xml" || (element.HasElements && element.Name.NamespaceName.Contains("Atom", StringComparison.OrdinalIgnoreCase)))
        {
            var inner = element.Elements().FirstOrDefault(e => e.Name.LocalName == "div") is { } div && element.Elements().Count() == 1 ? div : element;
            return ("html", string.Concat(inner.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))));
        }

        var atomText = element.Name.NamespaceName.Contains("Atom", StringComparison.OrdinalIgnoreCase) || element.Name.NamespaceName == Atom03;
        return (atomText && type is null or "text" or "text/plain" && mode != "escaped" ? "text" : "html", element.Value);
    }
}
