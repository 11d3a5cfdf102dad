namespace Herald.Collecting;

public sealed record ParsedItem(
    string Title,
    Uri Link,
    DateTimeOffset? PublishedAt,
    string? Author,
    IReadOnlyList<string> Categories,
    string? ContentHtml,
    string? SummaryHtml);
