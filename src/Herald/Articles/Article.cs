namespace Herald.Articles;

/// <summary>One collected story as stored in Blob storage (one JSON document per article).</summary>
public sealed record Article
{
    /// <summary>Hex digest of the canonical URL: the same story under the same address is one article.</summary>
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string CanonicalUrl { get; init; }
    public required string Title { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public required DateTimeOffset CollectedAt { get; init; }

    /// <summary>Name of the source the article first came from.</summary>
    public required string Source { get; init; }

    /// <summary>Clean text, paragraphs separated by a blank line.</summary>
    public required string Text { get; init; }

    /// <summary>Sanitized HTML of the article body (no script, no handlers, no javascript: URLs).</summary>
    public string? Html { get; init; }

    /// <summary>Normalized tags ("us-politics").</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The tags the feed gave (the source's own and the item's categories), normalized: what re-tagging keeps when rules change. Null for articles stored before it was kept.</summary>
    public IReadOnlyList<string>? FeedTags { get; init; }

    public ArticleSummary? Summary { get; init; }

    /// <summary>Lead image of the page, when the page was read.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>Every source that carried this story: the first one, then syndicated copies and near-duplicates.</summary>
    public IReadOnlyList<ArticleSource> Sources { get; init; } = [];
}
