using System.Text.Json;

namespace Herald.Collecting;

/// <summary>JSON Feed 1.0 and 1.1: each item's url (else external_url), title, HTML or text content, dates, authors and tags.</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static ParsedFeed Read(string text, Uri? feedUrl, int maxItems, Func<bool> overTime)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            throw new FeedRejectedException($"malformed JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FeedRejectedException("not a JSON Feed: no \"items\" list.");
            }

            var home = FeedLinks.Resolve(String(root, "home_page_url"), feedUrl);
            var site = home ?? feedUrl;
            var items = new List<ParsedItem>();
            var notes = new List<string>();
            foreach (var item in list.EnumerateArray().Take(maxItems))
            {
                if (overTime())
                {
                    throw new FeedRejectedException("the feed took too long to read.");
                }

                if (item.ValueKind != JsonValueKind.Object)
                {
                    notes.Add("an item that is not an object was left out");
                    continue;
                }

                var link = FeedLinks.Resolve(String(item, "url"), site) ?? FeedLinks.Resolve(String(item, "external_url"), site);
                var title = HtmlText.ToInlineText(System.Net.WebUtility.HtmlEncode(String(item, "title") ?? ""));
                var plain = String(item, "content_text");
                var content = String(item, "content_html") ?? (plain is null ? null : "<p>" + System.Net.WebUtility.HtmlEncode(plain) + "</p>");
                var summary = String(item, "summary") is { } said ? "<p>" + System.Net.WebUtility.HtmlEncode(said) + "</p>" : null;
                if (link is null && FeedLinks.LinklessProblem(home, content, summary) is { } problem)
                {
                    notes.Add(problem);
                    continue;
                }

                items.Add(new ParsedItem(
                    title,
                    link ?? home!,
                    FeedDates.Parse(String(item, "date_published")) ?? FeedDates.Parse(String(item, "date_modified")),
                    AuthorOf(item),
                    item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).Where(t => t.Length is > 0 and <= 200)] : [],
                    content,
                    summary)
                {
                    LinkIsSite = link is null,
                    ItemId = link is null ? String(item, "id") ?? title + "\n" + content + summary : null,
                });
            }

            return new ParsedFeed(HtmlText.ToInlineText(System.Net.WebUtility.HtmlEncode(String(root, "title") ?? "")), "JsonFeed", items) { Notes = notes };
        }
    }

    private static string? AuthorOf(JsonElement item)
    {
        var author = item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array && authors.GetArrayLength() > 0 ? authors[0]
            : item.TryGetProperty("author", out var single) ? single : default;
        return author.ValueKind == JsonValueKind.Object && String(author, "name") is { Length: > 0 } name ? HtmlText.ToInlineText(System.Net.WebUtility.HtmlEncode(name)) : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
