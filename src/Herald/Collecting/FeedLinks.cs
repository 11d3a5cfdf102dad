namespace Herald.Collecting;

/// <summary>Links as feeds write them: absolute, or relative to xml:base, the feed's address or its site.</summary>
internal static class FeedLinks
{
    /// <summary>
    /// Why an item with no link to its article is left out, or null when it can be kept pointing to the feed's site:
    /// it needs a site to point to and some text (whether the text is the whole article is the collector's call).
    /// </summary>
    public static string? LinklessProblem(Uri? home, string? content, string? summary) =>
        home is null ? "an item with no link to its article, in a feed that names no site, was left out"
        : string.IsNullOrWhiteSpace(content) && string.IsNullOrWhiteSpace(summary) ? "an item with no link to its article and no text was left out"
        : null;

    /// <summary>The http(s) address <paramref name="link"/> names, resolved against <paramref name="baseUrl"/>; null for anything else.</summary>
    public static Uri? Resolve(string? link, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(link) || link.Length > 4096)
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
}
