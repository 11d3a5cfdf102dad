namespace Herald.Collecting;

/// <summary>Links as feeds write them: absolute, or relative to xml:base, the feed's address or its site.</summary>
internal static class FeedLinks
{
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
