namespace Herald.Collecting;

/// <summary>A feed reduced to what Herald uses, whatever its format.</summary>
public sealed record ParsedFeed(string Title, string Format, IReadOnlyList<ParsedItem> Items);

public sealed record ParsedItem(
    string Title,
    Uri Link,
    DateTimeOffset? PublishedAt,
    string? Author,
    IReadOnlyList<string> Categories,
    string? ContentHtml,
    string? SummaryHtml);

/// <summary>A feed that Herald will not read (unsafe, oversized or not a feed). The message says why.</summary>
public sealed class FeedRejectedException(string message, Exception? inner = null) : Exception(message, inner);
